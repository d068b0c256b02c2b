// Lifestream processes a test starts, signals and watches: the API (api/main.ts) and consumer
// processes (consumers/main.ts), as a deployment runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { eventually } from './harness.ts';

const running = new Set<ChildProcess>();

export function startProcess(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  return started(['--import', 'tsx', new URL(entry, import.meta.url).pathname, ...args], env);
}

/** A compiled entry point (`npm run compile`'s dist/) on plain Node, with no loader: as `npm start` and the image run it. */
export function startCompiledProcess(bundle: string, args: string[], env: Record<string, string>): ChildProcess {
  return started([bundle, ...args], { ...env, NODE_OPTIONS: '' });
}

function started(nodeArgs: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * Kills the processes a failed test left running. One still alive keeps the suite's process alive
 * and holds the test runner's output pipe open, so the file would hang to its timeout.
 */
export async function killLeftoverProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      child.kill('SIGKILL');
      await exitOf(child);
    }),
  );
}

/** The exit code, or 128 + the signal's number for a process a signal ended. */
export async function exitOf(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return child.exitCode;
  if (child.signalCode !== null) return child.signalCode;
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? signal!;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A counter of a consumer process's /metrics (LIFESTREAM_CONSUMER_PORT), 0 until it first counts. */
export async function consumerMetric(port: number, name: string, topic: string): Promise<number> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = new RegExp(`^${name}\\{consumer="persistence",topic="${topic.replaceAll('.', '\\.')}"\\} (\\d+)$`, 'm').exec(metrics);
  return line ? Number(line[1]) : 0;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Every process descending from pid, at this moment (Linux /proc). */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone while we looked.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Waits until none of the processes runs any more; fails naming those that still do. */
export const allGone = (pids: number[], what: string) =>
  eventually(async () => (pids.every((pid) => !isAlive(pid)) ? true : undefined), `${what} (pids ${pids.join(', ')}) to be gone`);

/** The embedded PostgreSQL server of a data directory, from its postmaster.pid. */
export function embeddedPostmaster(dataDir: string): { pid: number; port: number } {
  const [pid, , , port] = readFileSync(`${dataDir}/postgres/cluster/postmaster.pid`, 'utf8').split('\n');
  return { pid: Number(pid), port: Number(port) };
}
