// The Store port: a PostgreSQL-compatible database behind Drizzle. Two implementations sit beside
// this file: postgres.ts (a real server, TimescaleDB or plain) and pglite.ts (in-process).
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** What bounds a statement run for a client's request. */
export interface StatementBounds {
  /** When it aborts, the statement is cancelled in the database and the query rejects with its reason. */
  signal: AbortSignal;
  /** The database itself cancels the statement after this (statement_timeout): a backstop should the process miss the abort or die. */
  timeoutMs: number;
}

/** One statement of a transaction. */
export interface Statement {
  text: string;
  params: unknown[];
  /**
   * Sent again and again with other parameters (a kind's INSERT): parsed and planned once per
   * connection, then only bound and run, one round trip and no planning per call. Only for a fixed
   * set of texts: every text prepared stays on its connections.
   */
  prepared?: boolean;
}

export interface Store {
  readonly db: PgDatabase<PgQueryResultHKT>;
  /** Raw SQL for what Drizzle does not express (UNION over derived tables, TimescaleDB calls). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], bounds?: StatementBounds): Promise<Row[]>;
  /** Runs the statements in one transaction, sent together (one round trip where the driver pipelines), and returns each one's rows. A lone statement needs no BEGIN and COMMIT: it is a transaction of its own. */
  transaction<Row = Record<string, unknown>>(statements: readonly Statement[]): Promise<Row[][]>;
  /** Calls onMessage for every NOTIFY on the channel, from any process, until the returned function is called. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Applies db/migrations (Drizzle's migrator, recorded in drizzle.__drizzle_migrations). */
  migrate(): Promise<void>;
  /** Runs work holding the database's preparation lock: processes starting together prepare it one after another. */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
