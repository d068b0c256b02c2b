// What the throughput benchmarks (bench:ingest, bench:import) share: their options, a clock that
// also reads CPU time, load sent in batches with a bound on what is in flight, and the markdown
// table their figures are printed in for docs/benchmarks.md.
import { Command, Option } from 'commander';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Harness, TestMode } from '../test/harness.ts';
import { positiveInteger } from './measure.ts';

export interface ThroughputOptions {
  modes: TestMode[];
  events: number;
  batch: number;
  concurrency: number;
}

/** A command with the options every throughput benchmark takes, `events` defaulting to `defaultEvents`. */
export function throughputCommand(name: string, description: string, defaultEvents: number): Command {
  return new Command(name)
    .description(description)
    .option('--events <n>', 'events per throughput path', positiveInteger, defaultEvents)
    .option('--batch <n>', 'events per request, Kafka batch and INSERT batch', positiveInteger, 1000)
    .option('--concurrency <n>', 'requests (and Kafka batches) in flight', positiveInteger, 4)
    .addOption(new Option('--modes <modes...>', 'deployments to measure').choices(['server', 'embedded']).default(['server', 'embedded']));
}

export interface Measurement {
  mode?: string;
  path: string;
  events: number;
  seconds: number;
  /** CPU time of the Node processes taking part (this one and any watched by the clock) per second, in cores. */
  nodeCores: number;
  /** Each Node process's CPU time per second, in cores, where the clock watched more than this one. */
  processCores?: { name: string; cores: number }[];
  /** Share of the whole machine's CPU time that was busy (PostgreSQL and Kafka included). */
  machineBusy: number;
  /** The CPU time of the machine's other processes per second, in cores, by service (see serviceOf). */
  serviceCores: { name: string; cores: number }[];
}

export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

export async function inParallel<T>(items: T[], concurrency: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function machineCpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

// Linux reports a process's CPU time in /proc/<pid>/stat in USER_HZ ticks, 100 a second on every
// architecture Node runs on.
const ticksPerMs = 100 / 1000;

/** The CPU time (user and system) another process has used so far, from /proc/<pid>/stat. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
}

/** Which service a process that is not one of the clock's Node processes belongs to, by its command. */
function serviceOf(command: string, commandLine: string): string {
  if (command.startsWith('postgres')) return 'PostgreSQL';
  if (command.startsWith('redis-server')) return 'Redis';
  if (commandLine.includes('kafka.Kafka')) return 'Kafka';
  if (commandLine.includes('TrinoServer')) return 'Trino';
  return 'other';
}

/** Every other process's CPU time so far, by pid, with its service; a process gone since reads as gone. */
function otherProcessesCpuMs(clockPids: Set<number>): Map<number, { service: string; ms: number }> {
  const cpu = new Map<number, { service: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || clockPids.has(pid)) continue;
    try {
      const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      cpu.set(pid, { service: serviceOf(command, commandLine), ms: processCpuMs(pid) });
    } catch {
      // The process ended between the listing and the reading: its time is not known.
    }
  }
  return cpu;
}

/** CPU cores each service used between two readings over `ms`, busiest first; a process started between counts from zero. */
function coresByService(before: ReturnType<typeof otherProcessesCpuMs>, after: ReturnType<typeof otherProcessesCpuMs>, ms: number) {
  const byService = new Map<string, number>();
  for (const [pid, { service, ms: used }] of after) byService.set(service, (byService.get(service) ?? 0) + used - (before.get(pid)?.ms ?? 0));
  return [...byService].map(([name, usedMs]) => ({ name, cores: usedMs / ms })).sort((a, b) => b.cores - a.cores);
}

/** A Node process other than this one whose CPU time a clock counts, such as a consumer of its own. */
export interface WatchedProcess {
  name: string;
  pid: number;
}

/**
 * Starts the clock; each call of the returned function measures from here to now. The CPU time of
 * the watched processes counts beside this one's (named `ownName`), each also shown on its own.
 */
export function startClock(watched: WatchedProcess[] = [], ownName = 'this process'): (path: string, events: number) => Measurement {
  const started = performance.now();
  const nodeCpu = process.cpuUsage();
  const watchedCpuMs = watched.map(({ pid }) => processCpuMs(pid));
  const clockPids = new Set([process.pid, ...watched.map(({ pid }) => pid)]);
  const othersCpu = otherProcessesCpuMs(clockPids);
  const machineCpu = machineCpuTimes();
  return (path, events) => {
    const ms = performance.now() - started;
    const node = process.cpuUsage(nodeCpu);
    const machine = machineCpuTimes();
    const serviceCores = coresByService(othersCpu, otherProcessesCpuMs(clockPids), ms);
    const processCores = [
      { name: ownName, cores: (node.user + node.system) / 1000 / ms },
      ...watched.map(({ name, pid }, i) => ({ name, cores: (processCpuMs(pid) - watchedCpuMs[i]!) / ms })),
    ];
    return {
      path,
      events,
      seconds: ms / 1000,
      nodeCores: processCores.reduce((sum, p) => sum + p.cores, 0),
      ...(watched.length > 0 ? { processCores } : {}),
      machineBusy: (machine.busy - machineCpu.busy) / (machine.total - machineCpu.total),
      serviceCores,
    };
  };
}

/** Node CPU µs per event of a measurement, in all or of one process. */
export const microsecondsPerEvent = (m: Measurement, cores = m.nodeCores) => (cores * m.seconds * 1e6) / m.events;

export const rate = (m: Measurement) => m.events / m.seconds;

/** Where the Node CPU of a path measured over several processes went, per event. */
export function processesLine(mode: string, m: Measurement): string | undefined {
  if (!m.processCores) return undefined;
  const each = m.processCores.map((p) => `${p.name} ${microsecondsPerEvent(m, p.cores).toFixed(1)}`);
  return `${mode}: node CPU µs/event by process, ${m.path.split(':')[0]}: ${each.join(', ')} (total ${microsecondsPerEvent(m).toFixed(1)})`;
}

function tableRow(m: Measurement): string {
  const cells = [
    m.mode,
    m.path,
    m.events.toLocaleString('en-US'),
    m.seconds.toFixed(2),
    Math.round(rate(m)).toLocaleString('en-US'),
    m.nodeCores.toFixed(2),
    microsecondsPerEvent(m).toFixed(1),
    `${Math.round(m.machineBusy * 100)}%`,
  ];
  return `| ${cells.join(' | ')} |`;
}

export function formatTable(measurements: Measurement[]): string {
  return [
    '| mode | path | events | seconds | events/s | node CPU (cores) | node CPU µs/event | machine CPU busy |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measurements.map(tableRow),
  ].join('\n');
}

/** a's rate as a share of b's, e.g. "42%" or "0.7%"; "?" when either is missing. */
export function shareOf(a: Measurement | undefined, b: Measurement | undefined): string {
  if (!a || !b) return '?';
  const percent = (100 * rate(a)) / rate(b);
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

async function rowsOf(h: Harness, table: string, deviceId: string): Promise<number> {
  const [row] = await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE device_id = $1`, [deviceId]);
  return row!.n;
}

/** Until the device has `count` rows in the table (queryable); fails when no row came for a minute. */
export async function waitForRows(h: Harness, table: string, deviceId: string, count: number): Promise<void> {
  const stallMs = 60_000;
  let seen = -1;
  let progressedAt = performance.now();
  for (;;) {
    const rows = await rowsOf(h, table, deviceId);
    if (rows >= count) return;
    if (rows > seen) [seen, progressedAt] = [rows, performance.now()];
    if (performance.now() - progressedAt > stallMs) throw new Error(`stuck at ${rows} of ${count} rows of ${table} for ${stallMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
