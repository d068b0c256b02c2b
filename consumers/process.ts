// Opening and closing what a Lifestream process needs, shared by the API and consumer entry points.
// Configuration alone chooses each port's implementation: a configured service is used, one that is
// not runs embedded in the data directory.
import { constants } from 'node:os';
import { join } from 'node:path';
import { openBlobDirectory } from '../db/blob-directory.ts';
import { openInMemoryCache } from '../db/cache/in-memory.ts';
import { openRedisCache } from '../db/cache/redis.ts';
import { attachMemosForeignTables } from '../db/memos/foreign-tables.ts';
import type { Memos } from '../db/memos/port.ts';
import { openSqliteMemos } from '../db/memos/sqlite-memos.ts';
import { openTrinoMemos } from '../db/memos/trino-memos.ts';
import { connectTrino } from '../db/trino.ts';
import { openPostgresSql } from '../db/sql/postgres-sql.ts';
import { openTrinoSql } from '../db/sql/trino-sql.ts';
import { openStore } from '../db/open-store.ts';
import type { Command } from 'commander';
import { ConfigError, type Config } from '../schema/config.ts';
import { openInProcessBus } from './bus/in-process.ts';
import { openKafkaBus } from './bus/kafka.ts';
import type { Bus, Subscription } from './bus/port.ts';
import { ConsumerUnavailable } from './consumer.ts';
import { consumersToStart, PipelineError } from './pipelines.ts';
import { notYetBuilt, registeredConsumers } from './registry.ts';
import { runConsumer } from './runtime.ts';

/** Through Trino when it is configured (the file attached to PostgreSQL by ogr_fdw), else the file itself. */
async function openMemos(config: Config, databaseUrl: string): Promise<Memos | undefined> {
  if (!config.MEMOS_DB) return undefined;
  if (!config.TRINO_URL) return openSqliteMemos(config.MEMOS_DB);
  await attachMemosForeignTables(databaseUrl, config.MEMOS_DB, config.LIFESTREAM_SQL_ROLE);
  return openTrinoMemos(connectTrino({ url: config.TRINO_URL, user: config.TRINO_USER }), config.TRINO_MEMOS_CATALOG);
}

/** Kafka when KAFKA_BROKERS is set, else the in-process log of the data directory (one process at a time). */
export async function openBus(config: Config, clientId: string): Promise<Bus> {
  return config.KAFKA_BROKERS
    ? openKafkaBus({ brokers: config.KAFKA_BROKERS, clientId, namespace: config.LIFESTREAM_NAMESPACE })
    : await openInProcessBus({ dir: join(config.LIFESTREAM_DATA_DIR, 'bus') });
}

export async function openServices(config: Config, clientId: string) {
  const { store, databaseUrl, sqlDatabaseUrl, timescale, description, close: closeStore, abandon } = await openStore(config);
  const bus = await openBus(config, clientId);
  const blobs = openBlobDirectory(join(config.LIFESTREAM_DATA_DIR, 'blobs'));
  const cache = config.REDIS_URL ? await openRedisCache(config.REDIS_URL, { namespace: config.LIFESTREAM_NAMESPACE }) : openInMemoryCache();
  const sql = config.TRINO_URL
    ? openTrinoSql({ url: config.TRINO_URL, user: config.TRINO_SQL_USER }, { timeline: config.TRINO_TIMELINE_CATALOG, memos: config.TRINO_MEMOS_CATALOG })
    : sqlDatabaseUrl
      ? openPostgresSql(sqlDatabaseUrl)
      : undefined;
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

export interface RunningConsumer extends Subscription {
  name: string;
}

/**
 * Starts the named consumers, once the registered ones were checked against the catalogue. With
 * skipUnavailable (npm start's every consumer), one that cannot run here, for want of a model, is
 * left out with a line saying how to add it; named alone, it refuses to start with that line.
 */
export async function startConsumers(names: string[], services: OpenServices, options: { skipUnavailable?: boolean } = {}): Promise<RunningConsumer[]> {
  const { start, leftOut } = consumersToStart(names, { registered: registeredConsumers, notYetBuilt }, services.config, options);
  for (const line of leftOut) console.log(`  ${line}`);
  const subscriptions: RunningConsumer[] = [];
  for (const definition of start) {
    const subscription = await runConsumer(definition, services, { groupPrefix: services.config.LIFESTREAM_GROUP_PREFIX });
    subscriptions.push({ name: definition.name, stop: () => subscription.stop() });
  }
  return subscriptions;
}

/**
 * Stops on SIGINT/SIGTERM: consumers finish the batch in flight (one waiting for a dependency to come
 * back is given up uncommitted, to come again after the restart), then everything closes: exit 0.
 * A drain that outlasts LIFESTREAM_SHUTDOWN_TIMEOUT_S exits 1; a second signal exits at once
 * (128 + its number). Either way the embedded database is told to shut down first.
 */
export function closeOnSignal(services: Pick<OpenServices, 'config' | 'abandon'>, close: () => Promise<void>): void {
  const deadlineS = services.config.LIFESTREAM_SHUTDOWN_TIMEOUT_S;
  let closing = false;
  const exitNow = (code: number, why: string) => {
    console.error(why);
    services.abandon();
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return exitNow(128 + constants.signals[signal], `${signal} again: exiting at once; batches not committed come again after the restart`);
    closing = true;
    console.log(`${signal}: draining and shutting down (at most ${deadlineS} s; ${signal} again exits at once)`);
    setTimeout(
      () => exitNow(1, `shutdown did not finish within LIFESTREAM_SHUTDOWN_TIMEOUT_S (${deadlineS} s): exiting; batches not committed come again after the restart`),
      deadlineS * 1000,
    );
    close().then(
      () => process.exit(0),
      (e) => exitNow(1, `shutdown failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Runs a command-line program; a configuration error prints its message alone, anything else its stack. */
export async function runProgram(program: Command): Promise<void> {
  try {
    await program.parseAsync();
  } catch (e) {
    console.error(e instanceof ConfigError || e instanceof ConsumerUnavailable || e instanceof PipelineError ? e.message : e);
    process.exit(1);
  }
}
