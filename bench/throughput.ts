// What the throughput benchmarks (bench:ingest, bench:import) share: their options, a clock that
// also reads CPU time, load sent in batches with a bound on what is in flight, and the markdown
// table their figures are printed in for docs/benchmarks.md.
import { Command, Option } from 'commander';
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
  /** CPU time of this process (API, persistence consumer and clients) per second, in cores. */
  nodeCores: number;
  /** Share of the whole machine's CPU time that was busy (PostgreSQL and Kafka included). */
  machineBusy: number;
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

/** Starts the clock; each call of the returned function measures from here to now. */
export function startClock(): (path: string, events: number) => Measurement {
  const started = performance.now();
  const nodeCpu = process.cpuUsage();
  const machineCpu = machineCpuTimes();
  return (path, events) => {
    const ms = performance.now() - started;
    const node = process.cpuUsage(nodeCpu);
    const machine = machineCpuTimes();
    return {
      path,
      events,
      seconds: ms / 1000,
      nodeCores: (node.user + node.system) / 1000 / ms,
      machineBusy: (machine.busy - machineCpu.busy) / (machine.total - machineCpu.total),
    };
  };
}

export const rate = (m: Measurement) => m.events / m.seconds;

function tableRow(m: Measurement): string {
  const cells = [
    m.mode,
    m.path,
    m.events.toLocaleString('en-US'),
    m.seconds.toFixed(2),
    Math.round(rate(m)).toLocaleString('en-US'),
    m.nodeCores.toFixed(2),
    ((m.nodeCores * m.seconds * 1e6) / m.events).toFixed(1),
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
