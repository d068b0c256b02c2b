// The Federation port's SQL side: ad hoc read-only SQL for the admin `sql` field. Two
// implementations: Trino over the timeline and memos catalogs (server mode), and the timeline
// database alone in a read-only transaction (embedded default). Neither inspects the SQL: the
// engines refuse what the sql role may not do, and each implementation says which errors are refusals.

export interface SqlLimits {
  maxRows: number;
  timeoutMs: number;
}

export interface SqlColumn {
  name: string;
  type: string;
}

export interface SqlResult {
  engine: 'trino' | 'postgresql';
  /** The engine's id of the query (Trino's query id; PostgreSQL has none). */
  queryId?: string;
  columns: SqlColumn[];
  rows: unknown[][];
  /** More rows were there than maxRows; the query was stopped. */
  truncated: boolean;
}

export interface SqlConsole {
  readonly engine: SqlResult['engine'];
  run(sql: string, limits: SqlLimits): Promise<SqlResult>;
  close(): Promise<void>;
}

/** The engine failed the query; the message is the engine's, with its query id. */
export class SqlFailure extends Error {
  constructor(
    message: string,
    readonly queryId?: string,
    readonly engineCode?: string,
  ) {
    super(message);
  }
}

/** The engine refused the query: a write, a second statement, or something the sql role may not reach. */
export class SqlRefused extends SqlFailure {}
