// `npm run bench:ingest`: ingest throughput and latency on the real local stack, each beside a
// baseline measured in the same run, printed as a markdown table for docs/benchmarks.md.
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Option } from 'commander';
import { insertEvents } from '../db/persist.ts';
import { openPgliteStore } from '../db/pglite.ts';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Store } from '../db/store.ts';
import { tableName } from '../db/tables.ts';
import type { Event } from '../schema/event.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { machineLine, percentile, positiveInteger, profiled } from './measure.ts';
import { baselineEnvelopes, copyIntoTable, heartRateSeries, rawProduceOf, type HeartRateSample } from './raw-baselines.ts';
import { chunks, formatTable, inParallel, shareOf, startClock, throughputCommand, waitForRows, type Measurement, type ThroughputOptions } from './throughput.ts';
import { startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';

interface Options extends ThroughputOptions {
  samples: number;
  /** Where to write a CPU profile of each mode's end-to-end phase (chrome://inspect, speedscope). */
  cpuProfile?: string;
  /** Just one part: `persistence` runs only insertEvents and the COPY it is measured beside, in each mode. */
  only?: 'persistence';
}

const table = tableName(heartRate);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(): Options {
  return throughputCommand('bench:ingest', 'Measures ingest throughput and latency on the local stack, beside raw Kafka and PostgreSQL baselines.', 100_000)
    .option('--samples <n>', 'single-event mutations for the latency figure', positiveInteger, 200)
    .option('--cpu-profile <dir>', 'write a CPU profile of each end-to-end phase (API, bus and persistence) to <dir>/<mode>.cpuprofile')
    .addOption(new Option('--only <part>', 'measure only this part: persistence (insertEvents beside raw COPY)').choices(['persistence']))
    .parse()
    .opts<Options>();
}

const ingestMutation = 'mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount errors { message } } }';

interface IngestResponse {
  data?: { ingestHeartRate: { acceptedCount: number; errors: { message: string }[] } };
  errors?: { message: string }[];
}

function mutationBody(events: (HeartRateSample & { id?: string })[]): string {
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
    await waitForRows(h, table, deviceId, options.events);
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

async function insertEventsDirectly(store: Store, envelopes: Event[], options: Options, label: string): Promise<Measurement> {
  const lap = startClock();
  for (const batch of chunks(envelopes, options.batch)) await insertEvents(store, batch);
  return lap(`baseline: insertEvents on ${label} (${options.batch}/transaction, one at a time)`, envelopes.length);
}

/** The same insert path on PGlite in a file directory: the embedded store that was not chosen. */
async function insertEventsOnPglite(envelopes: Event[], options: Options): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  const store = openPgliteStore(new PGlite(dir, { extensions: { pg_trgm } }));
  try {
    await store.migrate();
    return await insertEventsDirectly(store, envelopes, options, 'PGlite 0.5 (file, no fsync)');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures the goals are set in: each path's rate as a share of its raw baseline's, same run. */
function sharesLine(mode: TestMode, measurements: Measurement[]): string {
  const find = (start: string) => measurements.find((m) => m.path.startsWith(start));
  const [endToEnd, produce, copy] = [find('end to end'), find(`baseline: ${mode === 'server' ? 'kafkajs' : 'in-process log'}`), find('baseline: PostgreSQL COPY')];
  const insert = measurements.find((m) => m.path.startsWith('baseline: insertEvents') && !m.path.includes('PGlite'));
  return `${mode}: end to end ${shareOf(endToEnd, produce)} of the raw producer, ${shareOf(endToEnd, copy)} of raw COPY; insertEvents ${shareOf(insert, copy)} of raw COPY`;
}

interface ModeResult {
  measurements: Measurement[];
  latency: { mutation: number[]; queryable: number[] };
  loopDelay: LoopDelay;
}

/** insertEvents and raw COPY into the same table (same indexes, same rollup triggers), one after the other. */
async function persistenceBaselines(h: Harness, mode: TestMode, options: Options): Promise<Measurement[]> {
  return [
    await insertEventsDirectly(h.services.store, baselineEnvelopes('bench-insert', options.events), options, mode === 'server' ? 'PostgreSQL 15' : 'embedded PostgreSQL 18'),
    await copyIntoTable(h, baselineEnvelopes('bench-copy', options.events), options),
  ];
}

/** Everything measured on one deployment: end to end, latency, then the baselines with persistence stopped. */
async function measureMode(mode: TestMode, options: Options): Promise<ModeResult> {
  const h = await startHarness(mode);
  try {
    if (options.only === 'persistence') {
      const measurements = (await persistenceBaselines(h, mode, options)).map((m) => ({ ...m, mode }));
      return { measurements, latency: { mutation: [], queryable: [] }, loopDelay: { p99Ms: NaN, maxMs: NaN } };
    }
    const persistence = await h.startPersistence();
    const { measurements: throughput, loopDelay } = await endToEnd(h, options, mode);
    const latency = await latencies(h, options.samples);
    // The baselines run alone: this machine's cores are otherwise shared with the consumer.
    await persistence.stop();
    const baselines =
      mode === 'server'
        ? [
            await rawProduceOf(mode, h, options.events, options),
            await insertEventsDirectly(h.services.store, baselineEnvelopes('bench-insert', options.events), options, 'PostgreSQL 15'),
            await copyIntoTable(h, baselineEnvelopes('bench-copy', options.events), options),
          ]
        : [
            await rawProduceOf(mode, h, options.events, options),
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
  for (const [mode, { latency, loopDelay }] of options.only ? [] : results) {
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
