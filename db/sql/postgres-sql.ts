// Ad hoc SQL on the timeline database alone, as the sql role (which may only SELECT the event
// tables), in a READ ONLY transaction with a statement timeout, read through a cursor so a huge
// result stops at the row limit. The extended protocol takes one statement per query. Columns are
// typed from the statement's description (format_type of each type OID), so a result without rows
// has them too.
import postgres from 'postgres';
import { exactNumber } from './column-values.ts';
import { SqlFailure, SqlRefused, type SqlConsole } from './port.ts';

// read_only_sql_transaction, insufficient_privilege.
const refusalCodes = new Set(['25006', '42501']);
const undefinedTable = '42P01';
// A syntax_error (42601) like any other but for its message: the extended protocol's refusal of a second statement.
const isSecondStatement = (error: postgres.PostgresError) => error.code === '42601' && /multiple commands/.test(error.message);

/** bigint, numeric and their arrays: postgres.js hands their values over as text. */
const decimalTypes = new Set([20, 1700, 1016, 1231]);

/** A value as JSON holds it: decimals as exact numbers where they can be, bytea as PostgreSQL writes it (\x hex). */
const jsonValue = (value: unknown, decimal: boolean): unknown =>
  Array.isArray(value)
    ? value.map((item) => jsonValue(item, decimal))
    : decimal && typeof value === 'string'
      ? exactNumber(value)
      : Buffer.isBuffer(value)
        ? `\\x${value.toString('hex')}`
        : value;

export function openPostgresSql(sqlDatabaseUrl: string): SqlConsole {
  const client = postgres(sqlDatabaseUrl, { max: 2, onnotice: () => {} });

  /** What the role may read, as a client would name it (the event tables unqualified). */
  async function readableTables(): Promise<string> {
    const [found] = await client<{ names: string | null }[]>`
      SELECT string_agg(CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END, ', ' ORDER BY table_schema, table_name) AS names
      FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`;
    return found?.names ?? 'none';
  }

  return {
    engine: 'postgresql',
    async run(text, { maxRows, timeoutMs }) {
      try {
        return await client.begin('read only', async (tx) => {
          await tx.unsafe(`SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
          const { columns } = await tx.unsafe(text).describe();
          const oids = [...new Set(columns.map((c) => c.type))];
          const typeRows = await tx.unsafe<{ oid: number; name: string }[]>('SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])', [oids]);
          const typeNames = new Map(typeRows.map((t) => [t.oid, t.name]));
          let rows: unknown[][] = [];
          for await (const batch of tx.unsafe(text).values().cursor(maxRows + 1)) {
            rows = batch;
            break;
          }
          return {
            engine: 'postgresql' as const,
            columns: columns.map((c) => ({ name: c.name, type: typeNames.get(c.type) ?? `oid ${c.type}` })),
            rows: rows.slice(0, maxRows).map((row) => row.map((value, i) => jsonValue(value, decimalTypes.has(columns[i]!.type)))),
            truncated: rows.length > maxRows,
          };
        });
      } catch (error) {
        if (!(error instanceof postgres.PostgresError)) throw error;
        if (refusalCodes.has(error.code) || isSecondStatement(error)) throw new SqlRefused(`${error.message} (PostgreSQL ${error.code})`, undefined, error.code);
        if (error.code === undefinedTable) {
          throw new SqlFailure(`${error.message} (PostgreSQL ${error.code}); the sql field reads these tables: ${await readableTables()}`, undefined, error.code);
        }
        throw new SqlFailure(error.message, undefined, error.code);
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
