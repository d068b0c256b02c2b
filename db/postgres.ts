// The Store on a PostgreSQL server (TimescaleDB in production, Debian's PostgreSQL in the local stack).
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from './migration-plan.ts';
import type { Store } from './store.ts';

const preparationLock = "hashtext('lifestream:prepare')";

export function openPostgresStore(url: string, options: { maxConnections?: number } = {}): Store {
  const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
  const db = drizzle(client);
  return {
    db,
    query: async <Row>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[],
    async listen(channel, onMessage) {
      const { unlisten } = await client.listen(channel, onMessage);
      return unlisten;
    },
    migrate: () => migrate(db, { migrationsFolder }),
    async exclusively(work) {
      // A session lock on a connection of its own; the work runs on the pool beside it.
      const lockHolder = await client.reserve();
      try {
        await lockHolder.unsafe(`SELECT pg_advisory_lock(${preparationLock})`);
        return await work();
      } finally {
        await lockHolder.unsafe(`SELECT pg_advisory_unlock(${preparationLock})`);
        lockHolder.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
