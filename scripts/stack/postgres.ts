// PostgreSQL 15 from Debian, run as the `postgres` OS user because it refuses to run as root. Its
// bootstrap superuser `postgres` sets up the application role `lifestream`, which owns the
// database, and the sql field's role, as a deployment's operator would (db/roles.ts).
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { grantTraversal } from '../../db/os-user.ts';
import { setUpDatabase } from '../../db/roles.ts';
import { loadConfig } from '../../schema/config.ts';
import postgres from 'postgres';
import { assertPortFree, runChecked, runCommand } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports, stackDir } from './settings.ts';

const binDir = '/usr/lib/postgresql/15/bin';
const osUser = 'postgres';
const postgresDir = join(stackDir, 'postgres');
const dataDir = join(postgresDir, 'data');
const logFile = join(postgresDir, 'postgres.log');
const port = ports.postgres;
const asOsUser = { user: osUser, cwd: postgresDir };

// Written into a cluster made with the three roles; one without it comes from the time when the
// application role was the bootstrap superuser.
const splitRolesMarker = join(dataDir, 'lifestream-split-roles');
const loginsFile = join(postgresDir, 'logins.json');

export const database = 'lifestream';

const roleLogin = z.object({ name: z.string(), password: z.string() });
const loginsSchema = z.object({ bootstrap: roleLogin, app: roleLogin, reader: roleLogin });
export type StackLogins = z.infer<typeof loginsSchema>;

/** The three roles' logins, made once with random passwords (Trino's catalogs need the sql role's too). */
export function stackLogins(): StackLogins {
  if (existsSync(loginsFile)) return loginsSchema.parse(JSON.parse(readFileSync(loginsFile, 'utf8')));
  const password = () => randomBytes(18).toString('base64url');
  const logins = {
    bootstrap: { name: 'postgres', password: password() },
    app: { name: 'lifestream', password: password() },
    reader: { name: loadConfig({}).LIFESTREAM_SQL_ROLE, password: password() },
  };
  mkdirSync(postgresDir, { recursive: true });
  writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
  return logins;
}

const urlOf = (login: { name: string; password: string }, databaseName: string) =>
  `postgres://${login.name}:${encodeURIComponent(login.password)}@${host}:${port}/${databaseName}`;

/** The application role's connection (DATABASE_URL). */
export const databaseUrl = () => urlOf(stackLogins().app, database);
/** The sql role's (LIFESTREAM_SQL_DATABASE_URL). */
export const sqlDatabaseUrl = () => urlOf(stackLogins().reader, database);
/** The bootstrap superuser's, on the maintenance database: for the tests, which make a database each. */
export const adminDatabaseUrl = () => urlOf(stackLogins().bootstrap, 'postgres');

export const postgresService: Service = {
  name: 'postgres',
  address: `${host}:${port}`,
  requires: [
    { binary: join(binDir, 'pg_ctl'), aptPackage: 'postgresql-15' },
    // ogr_fdw lets PostgreSQL, and through it Trino, read the UseMemos SQLite file (Trino has no SQLite connector).
    { binary: join(binDir, 'ogr_fdw_info'), aptPackage: 'postgresql-15-ogr-fdw' },
  ],
  logFiles: [logFile],
  dataPaths: [postgresDir],

  async isRunning() {
    if (!isInitialized()) return false;
    const running = (await runCommand(join(binDir, 'pg_ctl'), ['status', '-D', dataDir], asOsUser)).exitCode === 0;
    // A cluster of the old layout is made anew by start(); stopped first if it runs.
    if (running && isOldLayout()) {
      await stopServer();
      return false;
    }
    return running;
  },

  async isReady() {
    try {
      await withConnection('postgres', (sql) => sql`select 1`);
      return true;
    } catch {
      return false;
    }
  },

  async start() {
    await assertPortFree(host, port);
    await prepareDirectory();
    if (isOldLayout()) {
      console.log(
        `postgres ${postgresDir} was made by an older Lifestream, whose application role was the superuser: ` +
          'deleting it and making it anew with separate roles (the stack holds test data only)',
      );
      rmSync(dataDir, { recursive: true, force: true });
    }
    if (!isInitialized()) await initializeCluster();
    writeListenSettings();
    await runChecked(join(binDir, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60'], asOsUser);
    const logins = stackLogins();
    await setUpDatabase(adminDatabaseUrl(), database, { app: logins.app, reader: logins.reader });
  },

  stop: stopServer,
};

async function stopServer(): Promise<void> {
  await runChecked(join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], asOsUser);
}

function isInitialized(): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

const isOldLayout = () => isInitialized() && !existsSync(splitRolesMarker);

async function prepareDirectory(): Promise<void> {
  mkdirSync(postgresDir, { recursive: true });
  await runChecked('chown', [`${osUser}:`, postgresDir]);
  grantTraversal(postgresDir);
  const { exitCode } = await runCommand('test', ['-w', postgresDir], asOsUser);
  if (exitCode !== 0) {
    throw new Error(`the ${osUser} OS user cannot write ${postgresDir}`);
  }
}

/** The bootstrap superuser only sets up roles and databases (the tests' too); the application runs as `lifestream`. */
async function initializeCluster(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const { bootstrap } = stackLogins();
  const passwordFile = join(postgresDir, 'initdb-password');
  writeFileSync(passwordFile, `${bootstrap.password}\n`, { mode: 0o600 });
  try {
    await runChecked('chown', [`${osUser}:`, passwordFile]);
    await runChecked(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', bootstrap.name, `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--locale=C.UTF-8'],
      asOsUser,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  appendFileSync(join(dataDir, 'postgresql.conf'), "\ninclude_if_exists = 'stack.conf'\n");
  writeFileSync(splitRolesMarker, 'the application role is not the superuser\n');
}

/** Rewritten on every start so a changed port takes effect; no unix socket since /var/run/postgresql may not be writable. */
function writeListenSettings(): void {
  writeFileSync(
    join(dataDir, 'stack.conf'),
    [`listen_addresses = '${host}'`, `port = ${port}`, "unix_socket_directories = ''", 'fsync = on', ''].join('\n'),
  );
}

async function withConnection<T>(databaseName: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const { bootstrap } = stackLogins();
  const sql = postgres({ host, port, user: bootstrap.name, password: bootstrap.password, database: databaseName, max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}
