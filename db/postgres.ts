// The Store on a PostgreSQL server (TimescaleDB in production, Debian's PostgreSQL in the local stack).
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { naming } from './dependency-failure.ts';
import { migrationsFolder } from './migrations-folder.ts';
import type { Statement, StatementBounds, Store } from './store.ts';

const preparationLock = "hashtext('lifestream:prepare')";

export function openPostgresStore(url: string, options: { maxConnections?: number } = {}): Store {
  // Reconnecting soon after the server is back (postgres.js waits up to 20 s by default): requests
  // meanwhile fail fast with 503, and consumers go on within a second.
  const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {}, backoff: (attempt) => Math.min(0.05 * 2 ** attempt, 1) });
  const db = drizzle(client);

  /** The statement in a transaction of its own whose statement_timeout is the backstop; cancelled when the signal aborts. */
  async function boundedQuery(text: string, params: postgres.ParameterOrJSON<never>[], { signal, timeoutMs }: StatementBounds) {
    signal.throwIfAborted();
    let statement: postgres.PendingQuery<postgres.Row[]> | undefined;
    const cancel = () => void statement?.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const [, rows] = await client.begin((tx) => {
        // Aborted while it waited for a connection: nothing to run.
        signal.throwIfAborted();
        statement = tx.unsafe(text, params);
        // Both sent at once: the backstop costs no round trip.
        return [tx.unsafe(`SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`), statement] as const;
      });
      return rows;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw error;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  return {
    db,
    query: <Row>(text: string, params: unknown[] = [], bounds?: StatementBounds) =>
      naming('database', async () => {
        const values = params as postgres.ParameterOrJSON<never>[];
        return (await (bounds ? boundedQuery(text, values, bounds) : client.unsafe(text, values))) as unknown as Row[];
      }),
    transaction: <Row>(statements: readonly Statement[]) =>
      naming('database', async () => {
        const run = (sql: postgres.Sql | postgres.TransactionSql, { text, params, prepared = false }: Statement) =>
          sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: prepared });
        const results = statements.length === 1 ? [await run(client, statements[0]!)] : await client.begin((tx) => statements.map((statement) => run(tx, statement)));
        return results as unknown as Row[][];
      }),
    async listen(channel, onMessage) {
      const { unlisten } = await naming('database', () => client.listen(channel, onMessage));
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
