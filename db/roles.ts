// The PostgreSQL roles of a Lifestream database and the setup a superuser runs for them: the
// application role owns the database and its tables but is no superuser; the sql role may log in
// and nothing more until the application grants it its reading (db/sql/reader-grants.ts).
// The embedded default and the local stack run this as their bootstrap superuser; a deployment
// with its own PostgreSQL runs the equivalent SQL once (docs/security.md).
import postgres from 'postgres';

export interface RoleLogin {
  name: string;
  password: string;
}

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

// Attributes that would let a role reach past its grants (or the host), stripped at every setup.
const unprivileged = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/** Extensions the application uses where the server has them; only a superuser may create them. */
const extensions = ['timescaledb', 'ogr_fdw'];

async function ensureLoginRole(admin: postgres.Sql, role: RoleLogin): Promise<void> {
  const [existing] = await admin`SELECT 1 FROM pg_roles WHERE rolname = ${role.name}`;
  const name = quoteIdentifier(role.name);
  if (!existing) await admin.unsafe(`CREATE ROLE ${name} LOGIN ${unprivileged} PASSWORD ${quoteLiteral(role.password)}`);
  else await admin.unsafe(`ALTER ROLE ${name} LOGIN ${unprivileged}`);
}

/**
 * Makes the two roles and the database owned by the application role, idempotently; processes
 * starting together take turns. `adminUrl` logs in as a superuser to a maintenance database.
 */
export async function setUpDatabase(adminUrl: string, database: string, roles: { app: RoleLogin; reader: RoleLogin }): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`SELECT pg_advisory_lock(hashtext('lifestream:roles'))`;
    await ensureLoginRole(admin, roles.app);
    await ensureLoginRole(admin, roles.reader);
    const app = quoteIdentifier(roles.app.name);
    const [existing] = await admin`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (!existing) await admin.unsafe(`CREATE DATABASE ${quoteIdentifier(database)} OWNER ${app}`);
    else await admin.unsafe(`ALTER DATABASE ${quoteIdentifier(database)} OWNER TO ${app}`);
    // Every role may create temporary tables by default; the sql role must not.
    await admin.unsafe(`REVOKE TEMPORARY ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    await inDatabase(adminUrl, database, async (sql) => {
      await createExtensions(sql, roles.app.name);
      await handOwnershipToApp(sql, roles.app.name);
    });
  } finally {
    await admin.end();
  }
}

async function inDatabase(adminUrl: string, database: string, work: (sql: postgres.Sql) => Promise<void>): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await work(sql);
  } finally {
    await sql.end();
  }
}

async function createExtensions(sql: postgres.Sql, app: string): Promise<void> {
  const available = await sql<{ name: string }[]>`SELECT name FROM pg_available_extensions WHERE name IN ${sql(extensions)}`;
  for (const { name } of available) await sql.unsafe(`CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(name)}`);
  // The application attaches the memos file itself (db/memos/foreign-tables.ts).
  if (available.some((e) => e.name === 'ogr_fdw')) await sql.unsafe(`GRANT USAGE ON FOREIGN DATA WRAPPER ogr_fdw TO ${quoteIdentifier(app)}`);
}

/**
 * Earlier versions ran as the bootstrap superuser, which therefore owns their tables. PostgreSQL
 * will not strip the superuser attribute from the bootstrap role, nor REASSIGN OWNED BY it (it
 * owns the system catalogs), so its objects outside the system schemas change owner one by one.
 * Tables first: their sequences and indexes follow them.
 */
async function handOwnershipToApp(sql: postgres.Sql, app: string): Promise<void> {
  const to = quoteIdentifier(app);
  // Not the system's schemas, nor what an extension created: that stays its creator's.
  const ours = (oid: string) =>
    `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = ${oid} AND d.deptype = 'e')`;
  const schemas = await sql.unsafe<{ name: string }[]>(
    `SELECT n.nspname AS name FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = current_user AND ${ours('n.oid')}`,
  );
  for (const { name } of schemas) await sql.unsafe(`ALTER SCHEMA ${quoteIdentifier(name)} OWNER TO ${to}`);
  for (const kinds of [['r', 'p', 'v', 'm', 'f'], ['S']]) {
    const relations = await sql.unsafe<{ schema: string; name: string; kind: string }[]>(
      `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner
       WHERE r.rolname = current_user AND c.relkind = ANY($1) AND ${ours('c.oid')}`,
      [kinds],
    );
    for (const { schema, name, kind } of relations) {
      const noun = kind === 'S' ? 'SEQUENCE' : kind === 'v' ? 'VIEW' : kind === 'm' ? 'MATERIALIZED VIEW' : kind === 'f' ? 'FOREIGN TABLE' : 'TABLE';
      await sql.unsafe(`ALTER ${noun} ${quoteIdentifier(schema)}.${quoteIdentifier(name)} OWNER TO ${to}`);
    }
  }
}
