// The Store port: a PostgreSQL-compatible database behind Drizzle. Two implementations sit beside
// this file: postgres.ts (a real server, TimescaleDB or plain) and pglite.ts (in-process).
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export interface Store {
  readonly db: PgDatabase<PgQueryResultHKT>;
  /** Raw SQL for what Drizzle does not express (UNION over derived tables, TimescaleDB calls). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Calls onMessage for every NOTIFY on the channel, from any process, until the returned function is called. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Applies db/migrations (Drizzle's migrator, recorded in drizzle.__drizzle_migrations). */
  migrate(): Promise<void>;
  /** Runs work holding the database's preparation lock: processes starting together prepare it one after another. */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
