// PostgreSQL 15 from Debian, run as the `postgres` OS user because it refuses to run as root.
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { grantTraversal } from '../../db/os-user.ts';
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

/** The application's role and database; Trino's catalogs log in with them too. */
export const role = { name: 'lifestream', password: 'lifestream' };
export const database = 'lifestream';

export const databaseUrl = `postgres://${role.name}:${role.password}@${host}:${port}/${database}`;

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
    return (await runCommand(join(binDir, 'pg_ctl'), ['status', '-D', dataDir], asOsUser)).exitCode === 0;
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
    if (!isInitialized()) await initializeCluster();
    writeListenSettings();
    await runChecked(join(binDir, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60'], asOsUser);
    await ensureDatabase();
  },

  async stop() {
    await runChecked(join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], asOsUser);
  },
};

function isInitialized(): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

async function prepareDirectory(): Promise<void> {
  mkdirSync(postgresDir, { recursive: true });
  await runChecked('chown', [`${osUser}:`, postgresDir]);
  grantTraversal(postgresDir);
  const { exitCode } = await runCommand('test', ['-w', postgresDir], asOsUser);
  if (exitCode !== 0) {
    throw new Error(`the ${osUser} OS user cannot write ${postgresDir}`);
  }
}

/** The bootstrap superuser is the application role itself: tests create and drop databases. */
async function initializeCluster(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const passwordFile = join(postgresDir, 'initdb-password');
  writeFileSync(passwordFile, `${role.password}\n`, { mode: 0o600 });
  try {
    await runChecked('chown', [`${osUser}:`, passwordFile]);
    await runChecked(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', role.name, `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--locale=C.UTF-8'],
      asOsUser,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  appendFileSync(join(dataDir, 'postgresql.conf'), "\ninclude_if_exists = 'stack.conf'\n");
}

/** Rewritten on every start so a changed port takes effect; no unix socket since /var/run/postgresql may not be writable. */
function writeListenSettings(): void {
  writeFileSync(
    join(dataDir, 'stack.conf'),
    [`listen_addresses = '${host}'`, `port = ${port}`, "unix_socket_directories = ''", 'fsync = on', ''].join('\n'),
  );
}

async function ensureDatabase(): Promise<void> {
  await withConnection('postgres', async (sql) => {
    const [existing] = await sql`select 1 from pg_database where datname = ${database}`;
    if (!existing) await sql.unsafe(`create database ${database}`);
  });
}

async function withConnection<T>(databaseName: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres({ host, port, user: role.name, password: role.password, database: databaseName, max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    return await use(sql);
  } finally {
    await sql.end();
  }
}
