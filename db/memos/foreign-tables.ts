// Server mode: UseMemos' SQLite file seen from PostgreSQL as foreign tables in schema `memos`
// (ogr_fdw, read-only), where Trino's memos catalog finds them. ogr_fdw opens the file on the
// PostgreSQL server's machine, as its OS user: the file must be readable there (with its -wal and
// -shm), and its folders searchable.
import postgres from 'postgres';
import { memosGrantStatements } from '../sql/reader-grants.ts';
import { memosTables } from './memo-query.ts';

export const memosSchema = 'memos';
const server = 'lifestream_memos';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * (Re)creates the foreign tables for the file, readable by the sql role when it exists; concurrent
 * starts wait for each other. Creating the server needs USAGE on ogr_fdw (db/roles.ts grants it).
 */
export async function attachMemosForeignTables(databaseUrl: string, memosPath: string, sqlRole: string): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client.begin(async (tx) => {
      await tx.unsafe(`SELECT pg_advisory_xact_lock(hashtext('${server}'))`);
      await tx.unsafe('CREATE EXTENSION IF NOT EXISTS ogr_fdw');
      await tx.unsafe(`DROP SERVER IF EXISTS ${server} CASCADE`);
      await tx.unsafe(`CREATE SERVER ${server} FOREIGN DATA WRAPPER ogr_fdw OPTIONS (datasource ${literal(memosPath)}, format 'SQLite', updateable 'false')`);
      await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${memosSchema}`);
      // A table this Memos version lacks is simply not imported.
      await tx.unsafe(`IMPORT FOREIGN SCHEMA ogr_all LIMIT TO (${memosTables.map((table) => `"${table}"`).join(', ')}) FROM SERVER ${server} INTO ${memosSchema}`);
      // Attachment bytes (stored in the file by Memos' DATABASE storage) never reach PostgreSQL or Trino.
      for (const table of ['resource', 'attachment']) await tx.unsafe(`ALTER FOREIGN TABLE IF EXISTS ${memosSchema}."${table}" DROP COLUMN IF EXISTS blob`);
      const [reader] = await tx`SELECT 1 FROM pg_roles WHERE rolname = ${sqlRole}`;
      if (reader) for (const statement of memosGrantStatements(memosSchema, sqlRole)) await tx.unsafe(statement);
    });
  } catch (error) {
    throw new Error(
      `MEMOS_DB with TRINO_URL: PostgreSQL could not attach ${memosPath} through ogr_fdw (${(error as Error).message}). ` +
        `It needs the ogr_fdw extension, created by a superuser with USAGE granted to the application role (see docs/security.md; Debian: postgresql-15-ogr-fdw), and the file readable by PostgreSQL's OS user.`,
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}
