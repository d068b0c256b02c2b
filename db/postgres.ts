// The Store on a PostgreSQL server (TimescaleDB in production, Debian's PostgreSQL in the local stack).
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from './migration-plan.ts';
import type { Store } from './store.ts';

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
    close: () => client.end({ timeout: 5 }),
  };
}
