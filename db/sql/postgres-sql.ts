// Ad hoc SQL on the timeline database alone, as the sql role (which may only SELECT the event
// tables), in a READ ONLY transaction with a statement timeout, read through a cursor so a huge
// result stops at the row limit. The extended protocol takes one statement per query.
import postgres from 'postgres';
import { SqlFailure, SqlRefused, type SqlConsole } from './port.ts';

const typeOf = (value: unknown) => (value === null ? 'unknown' : value instanceof Date ? 'timestamp' : typeof value);

// read_only_sql_transaction, insufficient_privilege.
const refusalCodes = new Set(['25006', '42501']);
// A syntax_error (42601) like any other but for its message: the extended protocol's refusal of a second statement.
const isSecondStatement = (error: postgres.PostgresError) => error.code === '42601' && /multiple commands/.test(error.message);

export function openPostgresSql(sqlDatabaseUrl: string): SqlConsole {
  const client = postgres(sqlDatabaseUrl, { max: 2, onnotice: () => {} });
  return {
    engine: 'postgresql',
    async run(text, { maxRows, timeoutMs }) {
      try {
        return await client.begin('read only', async (tx) => {
          await tx.unsafe(`SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
          let rows: Record<string, unknown>[] = [];
          for await (const batch of tx.unsafe(text).cursor(maxRows + 1)) {
            rows = batch as Record<string, unknown>[];
            break;
          }
          const names = rows[0] ? Object.keys(rows[0]) : [];
          const kept = rows.slice(0, maxRows);
          return {
            engine: 'postgresql' as const,
            columns: names.map((name) => ({ name, type: typeOf(rows[0]![name]) })),
            rows: kept.map((row) => names.map((name) => row[name])),
            truncated: rows.length > maxRows,
          };
        });
      } catch (error) {
        if (!(error instanceof postgres.PostgresError)) throw error;
        if (refusalCodes.has(error.code) || isSecondStatement(error)) throw new SqlRefused(`${error.message} (PostgreSQL ${error.code})`, undefined, error.code);
        throw new SqlFailure(error.message, undefined, error.code);
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
