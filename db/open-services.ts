// Opening and closing every port a Lifestream process talks through. Configuration alone chooses
// each port's implementation: a configured service is used, one that is not runs embedded in the data
// directory. A service's client (kafkajs, ioredis, trino-client) is imported only when it is
// configured, and so is the Memos file's reader (better-sqlite3): the embedded default does not keep
// them in memory.
import { join } from 'node:path';
import type { Config } from '../schema/config.ts';
import { openBlobDirectory } from './blob-directory.ts';
import { prepareDataDir } from './data-dir.ts';
import { openInProcessBus } from './bus/in-process.ts';
import type { Bus } from './bus/port.ts';
import { openInMemoryCache } from './cache/in-memory.ts';
import { attachMemosForeignTables } from './memos/foreign-tables.ts';
import type { Memos } from './memos/port.ts';
import { openStore } from './open-store.ts';
import { openPostgresSql } from './sql/postgres-sql.ts';
import type { SqlConsole } from './sql/port.ts';

/** Through Trino when it is configured (the file attached to PostgreSQL by ogr_fdw), else the file itself. */
async function openMemos(config: Config, databaseUrl: string): Promise<Memos | undefined> {
  if (!config.MEMOS_DB) return undefined;
  if (!config.TRINO_URL) return (await import('./memos/sqlite-memos.ts')).openSqliteMemos(config.MEMOS_DB);
  await attachMemosForeignTables(databaseUrl, config.MEMOS_DB, config.LIFESTREAM_SQL_ROLE);
  const [{ openTrinoMemos }, { connectTrino }] = await Promise.all([import('./memos/trino-memos.ts'), import('./trino.ts')]);
  return openTrinoMemos(connectTrino({ url: config.TRINO_URL, user: config.TRINO_USER }), config.TRINO_MEMOS_CATALOG);
}

/** Kafka when KAFKA_BROKERS is set, else the in-process log of the data directory (one process at a time). */
export async function openBus(config: Config, clientId: string): Promise<Bus> {
  if (!config.KAFKA_BROKERS) return openInProcessBus({ dir: join(config.LIFESTREAM_DATA_DIR, 'bus') });
  const { openKafkaBus } = await import('./bus/kafka.ts');
  return openKafkaBus({ brokers: config.KAFKA_BROKERS, clientId, namespace: config.LIFESTREAM_NAMESPACE });
}

/** The admin sql field's console: through Trino when it is configured, else as the sql role on PostgreSQL where the process knows its connection. */
async function openSql(config: Config, sqlDatabaseUrl: string | undefined): Promise<SqlConsole | undefined> {
  if (config.TRINO_URL) {
    const { openTrinoSql } = await import('./sql/trino-sql.ts');
    return openTrinoSql({ url: config.TRINO_URL, user: config.TRINO_SQL_USER }, { timeline: config.TRINO_TIMELINE_CATALOG, memos: config.TRINO_MEMOS_CATALOG });
  }
  return sqlDatabaseUrl ? openPostgresSql(sqlDatabaseUrl) : undefined;
}

export async function openServices(config: Config, clientId: string) {
  prepareDataDir(config.LIFESTREAM_DATA_DIR);
  const { store, databaseUrl, sqlDatabaseUrl, timescale, description, close: closeStore, abandon } = await openStore(config);
  const bus = await openBus(config, clientId);
  const blobs = openBlobDirectory(join(config.LIFESTREAM_DATA_DIR, 'blobs'));
  const cache = config.REDIS_URL
    ? await import('./cache/redis.ts').then(({ openRedisCache }) => openRedisCache(config.REDIS_URL!, { namespace: config.LIFESTREAM_NAMESPACE }))
    : openInMemoryCache();
  const sql = await openSql(config, sqlDatabaseUrl);
  return {
    databaseUrl,
    /** The sql role's own connection to PostgreSQL, where the process knows it (embedded, or LIFESTREAM_SQL_DATABASE_URL). */
    sqlDatabaseUrl,
    store,
    bus,
    blobs,
    cache,
    memos: await openMemos(config, databaseUrl),
    sql,
    config,
    timescale,
    description: `${description}, ${config.KAFKA_BROKERS ? `Kafka ${config.KAFKA_BROKERS.join(',')}` : 'in-process bus'}, ${config.REDIS_URL ? 'Redis' : 'in-memory cache'}, data in ${config.LIFESTREAM_DATA_DIR}`,
    /** For a process that must exit now, its drain abandoned: the embedded server is told to shut down, not waited for. */
    abandon,
    /** Closes the bus (after the caller stopped its consumers), the database, and the embedded server. */
    async close() {
      await bus.close();
      await cache.close();
      await sql?.close();
      await closeStore();
    },
  };
}

export type OpenServices = Awaited<ReturnType<typeof openServices>>;
