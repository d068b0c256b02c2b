// `npm run bench:footprint`: the memory of the embedded default at rest, its whole process tree
// (launcher, Node, the embedded PostgreSQL and its backends), for each way of starting it, in one run.
// RSS counts memory shared between processes (PostgreSQL's shared buffers, libraries) once per
// process; PSS shares it out, so the PSS sum is what the tree costs the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { compile } from '../scripts/compile.ts';
import { machineLine, positiveInteger } from './measure.ts';

interface Options {
  idleSeconds: number;
  launches: string[];
}

/** How a user may start the embedded default: the command, run from the repository root. */
const launchers: Readonly<Record<string, { command: string; args: string[] }>> = {
  'npm start': { command: 'npm', args: ['start', '--silent'] },
  'node dist/api/main.js (npm run compile first)': { command: 'node', args: ['dist/api/main.js', '--all-consumers'] },
  // How npm start ran before it ran compiled JavaScript: the sources through tsx.
  'node --import tsx api/main.ts': { command: 'node', args: ['--import', 'tsx', 'api/main.ts', '--all-consumers'] },
};

interface ProcessMemory {
  pid: number;
  command: string;
  rssKb: number;
  pssKb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function treeOf(roots: number[]): number[] {
  const children = childrenOf();
  const all: number[] = [];
  const pending = [...roots];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    all.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return all;
}

function memoryOf(pid: number): ProcessMemory | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 90);
    return { pid, command, rssKb: kb('Rss'), pssKb: kb('Pss') };
  } catch {
    return undefined;
  }
}

/** The embedded PostgreSQL's postmaster: pg_ctl starts it detached, outside the launcher's tree. */
function postmasterOf(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postgres', 'cluster', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
}

async function healthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the launcher exited with ${child.exitCode} before it answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error('no answer on /healthz within 180 s');
}

async function measure(name: string, idleSeconds: number): Promise<ProcessMemory[]> {
  const launcher = launchers[name]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-footprint-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LIFESTREAM_DATA_DIR: dataDir, PORT: String(port), LIFESTREAM_ADMIN_TOKEN: 'footprint-bench-admin-token-0123456789' };
  for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'TRINO_URL']) delete env[key];
  const child = spawn(launcher.command, launcher.args, { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await healthy(port, child);
    await sleep(idleSeconds * 1000);
    const postmaster = postmasterOf(dataDir);
    return treeOf([child.pid!, ...(postmaster ? [postmaster] : [])]).flatMap((pid) => memoryOf(pid) ?? []);
  } finally {
    // The launcher's group: npm, node and what they started (SIGTERM lets the API stop its PostgreSQL).
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    await sleep(1000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

async function main(): Promise<void> {
  const options = new Command('bench:footprint')
    .description('Measures the idle memory of the embedded default, whole process tree, for each way of starting it.')
    .option('--idle-seconds <n>', 'how long to wait at rest after /healthz answers', positiveInteger, 15)
    .option('--launches <names...>', `ways of starting it: ${Object.keys(launchers).join(', ')}`, ['node --import tsx api/main.ts', 'npm start', 'node dist/api/main.js (npm run compile first)'])
    .parse()
    .opts<Options>();
  const unknown = options.launches.filter((name) => !launchers[name]);
  if (unknown.length > 0) throw new Error(`unknown --launches ${unknown.join(', ')}: choose among ${Object.keys(launchers).join(', ')}`);

  // What npm start does first, for the launches that run the compiled entry directly.
  await compile();
  const rows: string[] = [];
  const details: string[] = [];
  for (const name of options.launches) {
    const processes = await measure(name, options.idleSeconds);
    const sum = (f: (p: ProcessMemory) => number) => processes.reduce((n, p) => n + f(p), 0);
    const node = processes.filter((p) => !p.command.startsWith('postgres'));
    const postgres = processes.filter((p) => p.command.startsWith('postgres'));
    const pss = (list: ProcessMemory[]) => mb(list.reduce((n, p) => n + p.pssKb, 0));
    rows.push(`| ${name} | ${processes.length} | ${mb(sum((p) => p.rssKb))} | ${mb(sum((p) => p.pssKb))} | ${pss(node)} | ${pss(postgres)} |`);
    details.push(`${name}:`, ...processes.map((p) => `  ${mb(p.rssKb).padStart(5)} MB RSS ${mb(p.pssKb).padStart(5)} MB PSS  ${p.command}`));
  }
  console.log(['| launch | processes | RSS sum MB | PSS sum MB | of which launcher and Node, PSS MB | of which PostgreSQL, PSS MB |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n'));
  console.log();
  console.log(details.join('\n'));
  console.log(`idle ${options.idleSeconds} s after /healthz answered, no model loaded; ${machineLine()}`);
}

await main();
