// What the sql field's role may read, defined once from the catalogue: SELECT on the event tables
// (schema public) and the memos foreign tables (schema memos), nothing else. Granted by the application,
// which owns those tables, at every start after the migrations, so that a new kind is readable at once.
import { catalogue } from '../../schema/catalogue.ts';
import { ConfigError } from '../../schema/config.ts';
import { quoteIdentifier } from '../roles.ts';
import type { Store } from '../store.ts';
import { tableName } from '../tables.ts';

export const eventSchema = 'public';

/** The tables of the event catalogue, which the sql field may read; access tokens and the migrations' bookkeeping are not among them. */
export const readableEventTables = (): string[] => catalogue.map(tableName);

// Predefined roles that read or write files, run programs, signal backends or read everything (those a server lacks are skipped).
const reachingRoles = ['pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program', 'pg_signal_backend', 'pg_read_all_data', 'pg_write_all_data'];

/** Why the role may not be the sql field's, or undefined when it is safe. */
async function overreach(store: Store, role: string): Promise<string | undefined> {
  const [found] = await store.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; is_app: boolean; memberships: string[] }>(
    `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolname = current_user AS is_app,
            ARRAY(SELECT g.rolname::text FROM pg_roles g WHERE g.rolname = ANY($2::text[] || current_user::text) AND pg_has_role(r.oid, g.oid, 'USAGE')) AS memberships
     FROM pg_roles r WHERE r.rolname = $1`,
    [role, reachingRoles],
  );
  if (!found) return undefined;
  if (found.is_app) return 'it is the application role itself, which owns every table';
  if (found.rolsuper) return 'it is a superuser, which reaches the host (COPY ... TO PROGRAM, pg_read_file)';
  if (found.rolbypassrls || found.rolcreaterole) return 'it has BYPASSRLS or CREATEROLE';
  if (found.memberships.length > 0) return `it has the privileges of ${found.memberships.join(', ')}`;
  return undefined;
}

/** A configuration error: the start stops with its message alone. */
export class UnsafeSqlRole extends ConfigError {}

/**
 * Grants the sql role SELECT on exactly the event tables, in one statement so that its readers
 * never see a moment without. Returns false when the role does not exist (the sql field then
 * fails at login); throws UnsafeSqlRole when the role could reach further than reading.
 */
export async function grantReader(store: Store, role: string): Promise<boolean> {
  const [exists] = await store.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  if (!exists) return false;
  const problem = await overreach(store, role);
  if (problem) throw new UnsafeSqlRole(`LIFESTREAM_SQL_ROLE "${role}" may not be the sql field's role: ${problem}. Create a role that can only log in, as docs/security.md shows.`);
  const grantee = quoteIdentifier(role);
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${eventSchema} FROM ${grantee}`,
    `GRANT USAGE ON SCHEMA ${eventSchema} TO ${grantee}`,
    ...readableEventTables().map((table) => `GRANT SELECT ON ${eventSchema}.${quoteIdentifier(table)} TO ${grantee}`),
  ];
  await store.query(`DO $$ BEGIN ${statements.join('; ')}; END $$`);
  return true;
}

/** For db/memos/foreign-tables.ts, after it (re)imports the memos tables into their schema: the sql role reads them all. */
export const memosGrantStatements = (schema: string, role: string): string[] => [
  `GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${quoteIdentifier(role)}`,
  `GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} TO ${quoteIdentifier(role)}`,
];
