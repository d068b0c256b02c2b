// Ad hoc SQL on the timeline database alone, in a READ ONLY transaction with a statement timeout,
// read through a cursor so a huge result stops at the row limit.
import postgres from 'postgres';
import { SqlFailure, type SqlConsole } from './port.ts';

const typeOf = (value: unknown) => (value === null ? 'unknown' : value instanceof Date ? 'timestamp' : typeof value);

export function openPostgresSql(databaseUrl: string): SqlConsole {
  const client = postgres(databaseUrl, { max: 2, onnotice: () => {} });
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
        if (error instanceof postgres.PostgresError) throw new SqlFailure(error.message, undefined, error.code);
        throw error;
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
