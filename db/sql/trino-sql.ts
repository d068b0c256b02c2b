// Ad hoc SQL through Trino: the timeline and memos catalogs in one query, as the sql field's own
// Trino user, which Trino's access control lets read those catalogs' tables and nothing else; the
// catalogs log in to PostgreSQL as the sql role. Pages are read until the row limit, then the
// query is cancelled; Trino itself stops it at the time limit (query_max_execution_time). SQL
// errors arrive in a page, not as a throw.
import { connectTrino, trinoRows, type TrinoConnection } from '../trino.ts';
import { exactNumber } from './column-values.ts';
import { SqlFailure, SqlRefused, type SqlColumn, type SqlConsole, type SqlResult } from './port.ts';

// Trino's parser takes one statement, without the trailing semicolon people type out of habit.
const withoutFinalSemicolon = (text: string) => text.replace(/;\s*$/, '');
const isSecondStatement = (errorName: string, message: string) => errorName === 'SYNTAX_ERROR' && /mismatched input ';'/.test(message);
const missingNames = new Set(['TABLE_NOT_FOUND', 'SCHEMA_NOT_FOUND', 'CATALOG_NOT_FOUND']);

/** Decimals arrive as text: numbers where a double holds them exactly (bigint arrives as a JSON number already). */
const jsonValue = (value: unknown, type: string): unknown => (type.startsWith('decimal') && typeof value === 'string' ? exactNumber(value) : value);

/** Unqualified names resolve in the timeline catalog's public schema. */
export function openTrinoSql(connection: TrinoConnection, catalogs: { timeline: string; memos: string }): SqlConsole {
  /** What the sql user may read (Trino's access control filters information_schema), as catalog.schema.table. */
  async function readableTables(): Promise<string> {
    const trino = connectTrino(connection);
    const names: string[] = [];
    for (const catalog of [catalogs.timeline, catalogs.memos]) {
      // A catalog that is not there (memos not configured) has nothing to list.
      const rows = await trinoRows<{ name: string }>(
        trino,
        `SELECT table_catalog || '.' || table_schema || '.' || table_name AS name FROM "${catalog}".information_schema.tables WHERE table_schema <> 'information_schema' ORDER BY 1`,
      ).catch((error: unknown) => (error instanceof SqlFailure ? [] : Promise.reject(error)));
      names.push(...rows.map((r) => r.name));
    }
    return names.length > 0 ? names.join(', ') : 'none';
  }

  return {
    engine: 'trino',
    async run(text, { maxRows, timeoutMs }): Promise<SqlResult> {
      // A client of its own per query: USE, SET SESSION and PREPARE would otherwise carry over to the next.
      const trino = connectTrino(connection, catalogs.timeline, 'public');
      const pages = await trino.query({ query: withoutFinalSemicolon(text), session: { query_max_execution_time: `${Math.ceil(timeoutMs / 1000)}s` } });
      let queryId: string | undefined;
      let columns: SqlColumn[] = [];
      const rows: unknown[][] = [];
      for await (const page of pages) {
        queryId = page.id;
        if (page.error) {
          const { errorName, message } = page.error;
          const refused = errorName === 'PERMISSION_DENIED' || isSecondStatement(errorName, message);
          const readable = missingNames.has(errorName) ? `; the sql field reads these tables: ${await readableTables()}` : '';
          throw new (refused ? SqlRefused : SqlFailure)(`${message} (Trino query ${page.id})${readable}`, page.id, errorName);
        }
        if (page.columns) columns = page.columns.map(({ name, type }) => ({ name, type }));
        rows.push(...(page.data ?? []).map((row) => row.map((value, i) => jsonValue(value, columns[i]?.type ?? ''))));
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
