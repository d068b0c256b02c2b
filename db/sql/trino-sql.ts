// Ad hoc SQL through Trino: the timeline and memos catalogs in one query. Pages are read until the
// row limit, then the query is cancelled; Trino itself stops it at the time limit
// (query_max_execution_time). SQL errors arrive in a page, not as a throw.
import { connectTrino, type TrinoConnection } from '../trino.ts';
import { SqlFailure, type SqlColumn, type SqlConsole, type SqlResult } from './port.ts';

/** Unqualified names resolve in the timeline catalog's public schema. */
export function openTrinoSql(connection: TrinoConnection, timelineCatalog: string): SqlConsole {
  const trino = connectTrino(connection, timelineCatalog, 'public');
  return {
    engine: 'trino',
    async run(text, { maxRows, timeoutMs }): Promise<SqlResult> {
      const pages = await trino.query({ query: text, session: { query_max_execution_time: `${Math.ceil(timeoutMs / 1000)}s` } });
      let queryId: string | undefined;
      let columns: SqlColumn[] = [];
      const rows: unknown[][] = [];
      for await (const page of pages) {
        queryId = page.id;
        if (page.error) throw new SqlFailure(`${page.error.message} (Trino query ${page.id})`, page.id, page.error.errorName);
        if (page.columns) columns = page.columns.map(({ name, type }) => ({ name, type }));
        rows.push(...(page.data ?? []));
        if (rows.length > maxRows) {
          await trino.cancel(page.id);
          return { engine: 'trino', queryId, columns, rows: rows.slice(0, maxRows), truncated: true };
        }
      }
      return { engine: 'trino', ...(queryId ? { queryId } : {}), columns, rows, truncated: false };
    },
    // Each query is its own HTTP exchange: nothing stays open.
    close: async () => {},
  };
}
