// `npm run bench:ingest`: ingest throughput and latency on the real local stack, each beside a
// baseline measured in the same run, printed as a markdown table for docs/benchmarks.md.
import { Command, Option } from 'commander';
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { insertEvents } from '../db/persist.ts';
import { openPgliteStore } from '../db/pglite.ts';
import type { Store } from '../db/store.ts';
import { tableName } from '../db/tables.ts';
import { encodeEvent, newEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { machineLine, percentile, positiveInteger, profiled } from './measure.ts';
import { startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';

interface Options {
  modes: TestMode[];
  events: number;
  batch: number;
  concurrency: number;
  samples: number;
  /** Where to write a CPU profile of each mode's end-to-end phase (chrome://inspect, speedscope). */
  cpuProfile?: string;
}

interface Sample {
  deviceId: string;
  time: string;
  bpm: number;
}

interface Measurement {
  mode?: string;
  path: string;
  events: number;
  seconds: number;
  /** CPU time of this process (API, persistence consumer and clients) per second, in cores. */
  nodeCores: number;
  /** Share of the whole machine's CPU time that was busy (PostgreSQL and Kafka included). */
  machineBusy: number;
}

const dayMs = 86_400_000;
const table = tableName(heartRate);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(): Options {
  return new Command('bench:ingest')
    .description('Measures ingest throughput and latency on the local stack, beside raw Kafka and PostgreSQL baselines.')
    .option('--events <n>', 'heart-rate events per throughput path', positiveInteger, 100_000)
    .option('--batch <n>', 'events per mutation, Kafka batch and INSERT batch', positiveInteger, 1000)
    .option('--concurrency <n>', 'mutations (and Kafka batches) in flight', positiveInteger, 4)
    .option('--samples <n>', 'single-event mutations for the latency figure', positiveInteger, 200)
    .option('--cpu-profile <dir>', 'write a CPU profile of each end-to-end phase (API, bus and persistence) to <dir>/<mode>.cpuprofile')
    .addOption(new Option('--modes <modes...>', 'deployments to measure').choices(['server', 'embedded']).default(['server', 'embedded']))
    .parse()
    .opts<Options>();
}

/** Unique millisecond times spread over a day that ended a day ago, so none is in the future. */
function heartRateSeries(deviceId: string, count: number): Sample[] {
  const start = Date.now() - 2 * dayMs;
  const step = Math.max(1, Math.floor(dayMs / count));
  return Array.from({ length: count }, (_, i) => ({ deviceId, time: new Date(start + i * step).toISOString(), bpm: 50 + (i % 1000) / 10 }));
}

/** The event the API would put on the bus for this sample (see api/ingest/accept.ts). */
const eventOf = (sample: Sample, receivedAt: Date) =>
  newEvent(heartRate, { deviceId: sample.deviceId, time: new Date(sample.time), payload: { bpm: sample.bpm } }, receivedAt);

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function inParallel<T>(items: T[], concurrency: number, each: (item: T) => Promise<void>): Promise<void> {
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
function startClock(): (path: string, events: number) => Measurement {
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

const ingestMutation = 'mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount errors { message } } }';

interface IngestResponse {
  data?: { ingestHeartRate: { acceptedCount: number; errors: { message: string }[] } };
  errors?: { message: string }[];
}

function mutationBody(events: (Sample & { id?: string })[]): string {
  return JSON.stringify({ query: ingestMutation, variables: { events } });
}

async function sendMutation(h: Harness, body: string, expected: number): Promise<void> {
  const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` }, body });
  const result = (await response.json()) as IngestResponse;
  const accepted = result.data?.ingestHeartRate.acceptedCount ?? 0;
  if (accepted !== expected) {
    throw new Error(`a mutation accepted ${accepted} of ${expected} events: ${JSON.stringify(result.errors ?? result.data?.ingestHeartRate.errors)}`);
  }
}

async function rowsOf(h: Harness, deviceId: string): Promise<number> {
  const [row] = await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE device_id = $1`, [deviceId]);
  return row!.n;
}

async function waitForRows(h: Harness, deviceId: string, count: number): Promise<void> {
  const stallMs = 60_000;
  let seen = -1;
  let progressedAt = performance.now();
  for (;;) {
    const rows = await rowsOf(h, deviceId);
    if (rows >= count) return;
    if (rows > seen) [seen, progressedAt] = [rows, performance.now()];
    if (performance.now() - progressedAt > stallMs) throw new Error(`stuck at ${rows} of ${count} rows for ${stallMs / 1000} s`);
    await sleep(50);
  }
}

/** How long the event loop was held up at worst while the work ran: what any other request waited. */
interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

async function endToEnd(h: Harness, options: Options, mode: TestMode): Promise<{ measurements: Measurement[]; loopDelay: LoopDelay }> {
  const deviceId = uniqueDevice('bench-e2e');
  const bodies = chunks(heartRateSeries(deviceId, options.events), options.batch).map((events) => ({ body: mutationBody(events), size: events.length }));
  return profiled(options.cpuProfile, mode, async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const lap = startClock();
    await inParallel(bodies, options.concurrency, ({ body, size }) => sendMutation(h, body, size));
    const ingested = lap(`ingest only: GraphQL mutations accepted (${options.batch}/mutation, ${options.concurrency} in flight)`, options.events);
    await waitForRows(h, deviceId, options.events);
    const measurements = [lap('end to end: GraphQL → bus → persistence → queryable', options.events), ingested];
    delay.disable();
    return { measurements, loopDelay: { p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 } };
  });
}

async function isStored(h: Harness, id: string): Promise<boolean> {
  return (await h.services.store.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
}

/** Per mutation, one at a time: the mutation's round trip and the time until its row is queryable. */
async function latencies(h: Harness, samples: number): Promise<{ mutation: number[]; queryable: number[] }> {
  const deviceId = uniqueDevice('bench-latency');
  const mutation: number[] = [];
  const queryable: number[] = [];
  for (const [i, sample] of heartRateSeries(deviceId, samples).entries()) {
    const id = `${deviceId}-${i}`;
    const body = mutationBody([{ ...sample, id }]);
    const sent = performance.now();
    await sendMutation(h, body, 1);
    mutation.push(performance.now() - sent);
    while (!(await isStored(h, id))) await sleep(5);
    queryable.push(performance.now() - sent);
  }
  return { mutation, queryable };
}

async function rawProduce(h: Harness, envelopes: Event[], options: Options, label: string): Promise<Measurement> {
  const bus = h.rawBus();
  const batches = chunks(
    envelopes.map((e) => ({ key: e.deviceId, value: encodeEvent(e) })),
    options.batch,
  );
  const lap = startClock();
  await inParallel(batches, options.concurrency, (messages) => bus.produce([{ topic: heartRate.topic, messages }]));
  return lap(`baseline: ${label} produce (${options.batch}/batch, ${options.concurrency} in flight)`, envelopes.length);
}

async function insertEventsDirectly(store: Store, envelopes: Event[], options: Options, label: string): Promise<Measurement> {
  const lap = startClock();
  for (const batch of chunks(envelopes, options.batch)) await insertEvents(store, batch);
  return lap(`baseline: insertEvents on ${label} (${options.batch}/transaction, one at a time)`, envelopes.length);
}

/** The same insert path on PGlite in a file directory: the embedded store that was not chosen. */
async function insertEventsOnPglite(envelopes: Event[], options: Options): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  const store = openPgliteStore(new PGlite(dir));
  try {
    await store.migrate();
    return await insertEventsDirectly(store, envelopes, options, 'PGlite 0.5 (file, no fsync)');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function copyLine(e: Event<typeof heartRate>): string {
  return `${e.id}\t${e.deviceId}\t${e.time.toISOString()}\t${e.receivedAt.toISOString()}\t${e.payload.bpm}\n`;
}

async function copyIntoTable(h: Harness, envelopes: Event<typeof heartRate>[], options: Options): Promise<Measurement> {
  const sql = postgres(h.services.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const text = chunks(envelopes, options.batch).map((batch) => batch.map(copyLine).join(''));
    const lap = startClock();
    const copy = await sql.unsafe(`COPY ${table} (id, device_id, time, received_at, bpm) FROM STDIN`).writable();
    await pipeline(Readable.from(text), copy);
    return lap('baseline: PostgreSQL COPY FROM STDIN (one stream)', envelopes.length);
  } finally {
    await sql.end();
  }
}

/** Envelopes for a baseline: the same shape and size as the API's, on a device of their own. */
function baselineEnvelopes(label: string, events: number): Event<typeof heartRate>[] {
  const receivedAt = new Date();
  return heartRateSeries(uniqueDevice(label), events).map((sample) => eventOf(sample, receivedAt));
}

function tableRow(m: Measurement): string {
  const cells = [
    m.mode,
    m.path,
    m.events.toLocaleString('en-US'),
    m.seconds.toFixed(2),
    Math.round(m.events / m.seconds).toLocaleString('en-US'),
    m.nodeCores.toFixed(2),
    ((m.nodeCores * m.seconds * 1e6) / m.events).toFixed(1),
    `${Math.round(m.machineBusy * 100)}%`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function formatTable(measurements: Measurement[]): string {
  return [
    '| mode | path | events | seconds | events/s | node CPU (cores) | node CPU µs/event | machine CPU busy |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measurements.map(tableRow),
  ].join('\n');
}

const rate = (m: Measurement) => m.events / m.seconds;

/** The figures the goals are set in: each path's rate as a share of its raw baseline's, same run. */
function sharesLine(mode: TestMode, measurements: Measurement[]): string {
  const find = (start: string) => measurements.find((m) => m.path.startsWith(start));
  const [endToEnd, produce, copy] = [find('end to end'), find(`baseline: ${mode === 'server' ? 'kafkajs' : 'in-process log'}`), find('baseline: PostgreSQL COPY')];
  const insert = measurements.find((m) => m.path.startsWith('baseline: insertEvents') && !m.path.includes('PGlite'));
  const share = (a: Measurement | undefined, b: Measurement | undefined) => (a && b ? `${Math.round((100 * rate(a)) / rate(b))}%` : '?');
  return `${mode}: end to end ${share(endToEnd, produce)} of the raw producer, ${share(endToEnd, copy)} of raw COPY; insertEvents ${share(insert, copy)} of raw COPY`;
}

interface ModeResult {
  measurements: Measurement[];
  latency: { mutation: number[]; queryable: number[] };
  loopDelay: LoopDelay;
}

/** Everything measured on one deployment: end to end, latency, then the baselines with persistence stopped. */
async function measureMode(mode: TestMode, options: Options): Promise<ModeResult> {
  const h = await startHarness(mode);
  try {
    const persistence = await h.startPersistence();
    const { measurements: throughput, loopDelay } = await endToEnd(h, options, mode);
    const latency = await latencies(h, options.samples);
    // The baselines run alone: this machine's cores are otherwise shared with the consumer.
    await persistence.stop();
    const baselines =
      mode === 'server'
        ? [
            await rawProduce(h, baselineEnvelopes('bench-kafka', options.events), options, 'kafkajs, acks=all,'),
            await insertEventsDirectly(h.services.store, baselineEnvelopes('bench-insert', options.events), options, 'PostgreSQL 15'),
            await copyIntoTable(h, baselineEnvelopes('bench-copy', options.events), options),
          ]
        : [
            await rawProduce(h, baselineEnvelopes('bench-log', options.events), options, 'in-process log, fsynced,'),
            await insertEventsDirectly(h.services.store, baselineEnvelopes('bench-insert', options.events), options, 'embedded PostgreSQL 18'),
            await insertEventsOnPglite(baselineEnvelopes('bench-pglite', options.events), options),
            await copyIntoTable(h, baselineEnvelopes('bench-copy', options.events), options),
          ];
    return { measurements: [...throughput, ...baselines].map((m) => ({ ...m, mode })), latency, loopDelay };
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const results = new Map<TestMode, ModeResult>();
  for (const mode of options.modes) results.set(mode, await measureMode(mode, options));

  console.log(formatTable([...results.values()].flatMap((r) => r.measurements)));
  console.log();
  for (const [mode, { measurements }] of results) console.log(sharesLine(mode, measurements));
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(1)} ms`;
  for (const [mode, { latency, loopDelay }] of results) {
    console.log(`${mode}: event loop delay during end to end (API, bus, persistence and load generator in this process): p99 ${loopDelay.p99Ms.toFixed(1)} ms, max ${loopDelay.maxMs.toFixed(1)} ms`);
    console.log(
      `${mode}: latency mutation → queryable (${options.samples} single-event mutations, one at a time): ` +
        `p50 ${ms(latency.queryable, 50)}, p99 ${ms(latency.queryable, 99)} ` +
        `(mutation alone: p50 ${ms(latency.mutation, 50)}, p99 ${ms(latency.mutation, 99)})`,
    );
  }
  console.log(machineLine());
}

await main();
