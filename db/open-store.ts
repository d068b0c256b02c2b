// The database a process uses: the configured server, or the embedded one in the data directory.
import type { Config } from '../schema/config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { openPostgresStore } from './postgres.ts';
import { prepareDatabase } from './prepare.ts';

export async function openStore(config: Config) {
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.LIFESTREAM_DATA_DIR);
  const databaseUrl = config.DATABASE_URL ?? embedded!.url;
  const store = openPostgresStore(databaseUrl);
  const { timescale } = await prepareDatabase(store);
  return {
    store,
    databaseUrl,
    timescale,
    description: embedded ? 'embedded PostgreSQL 18' : timescale ? 'TimescaleDB' : 'PostgreSQL',
    /** Closes the connections; stops the embedded server unless another process started it. */
    async close(options: { leaveAdoptedServer?: boolean } = {}) {
      await store.close();
      if (embedded && !(options.leaveAdoptedServer && embedded.adopted)) await embedded.stop();
    },
  };
}
