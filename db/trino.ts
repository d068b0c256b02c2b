// One place that knows how to talk to Trino: the client for the configured server, and a whole
// result as objects. SQL errors come back inside a page, not as a throw: they become SqlFailure.
import { BasicAuth, Trino } from 'trino-client';
import { SqlFailure } from './sql/port.ts';

export interface TrinoConnection {
  url: string;
  user: string;
}

export const connectTrino = (connection: TrinoConnection, catalog?: string, schema?: string) =>
  Trino.create({ server: connection.url, source: 'lifestream', auth: new BasicAuth(connection.user), ...(catalog ? { catalog } : {}), ...(schema ? { schema } : {}) });

/** Every row of the query, as objects keyed by column name. */
export async function trinoRows<Row = Record<string, unknown>>(trino: Trino, sql: string): Promise<Row[]> {
  const rows: Row[] = [];
  let names: string[] = [];
  for await (const page of await trino.query(sql)) {
    if (page.error) throw new SqlFailure(`${page.error.message} (Trino query ${page.id})`, page.id, page.error.errorName);
    if (page.columns) names = page.columns.map((c) => c.name);
    for (const values of page.data ?? []) rows.push(Object.fromEntries(names.map((name, i) => [name, values[i]])) as Row);
  }
  return rows;
}
