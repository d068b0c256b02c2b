// The database a process uses: the configured server, or the embedded one in the data directory.
import type { Config } from '../schema/config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { openPostgresStore } from './postgres.ts';
import { prepareDatabase } from './prepare.ts';

export async function openStore(config: Config) {
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.LIFESTREAM_DATA_DIR, config.LIFESTREAM_SQL_ROLE);
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  const store = openPostgresStore(databaseUrl);
  const { timescale, sqlRoleExists } = await prepareDatabase(store, config.LIFESTREAM_SQL_ROLE);
  if (!sqlRoleExists) console.log(`  the sql field's role ${config.LIFESTREAM_SQL_ROLE} (LIFESTREAM_SQL_ROLE) does not exist: sql will be refused until it is created (docs/security.md)`);
  return {
    store,
    databaseUrl,
    /** How the sql field connects to PostgreSQL itself, as the sql role (Trino, when configured, connects its own way). */
    sqlDatabaseUrl: embedded?.sqlUrl ?? config.LIFESTREAM_SQL_DATABASE_URL,
    timescale,
    description: embedded ? 'embedded PostgreSQL 18' : timescale ? 'TimescaleDB' : 'PostgreSQL',
    /** Closes the connections; stops the embedded server unless another process started it. */
    async close(options: { leaveAdoptedServer?: boolean } = {}) {
      await store.close();
      if (embedded && !(options.leaveAdoptedServer && embedded.adopted)) await embedded.stop();
    },
    /** For a process that must exit now: tells the embedded server to shut down, without waiting for anything. */
    abandon() {
      embedded?.stopNow();
    },
  };
}
