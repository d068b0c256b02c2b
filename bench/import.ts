// `npm run bench:import`: events per second of the Apple Health and location-history importers end
// to end (a file written by code → the importer, in a process of its own as the CLI → GraphQL → bus
// → persistence → queryable), beside the raw paths of bench:ingest (the bus's own producer,
// PostgreSQL COPY) measured in the same run.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessToken } from '../db/access-tokens.ts';
import { startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';
import { nextAnswer, type Failed } from './child-answer.ts';
import { importPaths } from './import-paths.ts';
import type { ImportReply, ImportRun } from './import-process.ts';
import { machineLine } from './measure.ts';
import { baselineEnvelopes, copyIntoTable, rawProduceOf } from './raw-baselines.ts';
import { formatTable, processesLine, shareOf, startClock, throughputCommand, waitForRows, type Measurement, type ThroughputOptions } from './throughput.ts';

const options = throughputCommand(
  'bench:import',
  'Measures the Apple Health and location-history importers from file to queryable on the local stack, beside raw Kafka and PostgreSQL baselines.',
  50_000,
)
  .parse()
  .opts<ThroughputOptions>();

/** The importer, as the CLI, in a process of its own; resolves with the process once it is loaded. */
async function startImportProcess(): Promise<ChildProcess> {
  const child = fork(new URL('import-process.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await nextAnswer<Exclude<ImportReply, Failed>>(child, 'the import process');
  return child;
}

/** One importer run as the CLI runs it, in a process of its own with `--concurrency` requests in flight, timed until its rows are queryable. */
async function importEndToEnd(h: Harness, path: number, dir: string): Promise<Measurement[]> {
  const { label, table, write } = importPaths[path]!;
  const deviceId = uniqueDevice('bench-import');
  const { token } = await createAccessToken(h.services.store, { name: `bench ${label}`, scope: 'ingest', deviceId });
  const file = write(dir, options.events);
  const child = await startImportProcess();
  try {
    const run: ImportRun = { path, file, url: h.url, token, deviceId, stateDir: join(dir, 'state'), batch: options.batch, inFlight: options.concurrency };
    const lap = startClock([{ name: 'importer', pid: child.pid! }], 'API and persistence');
    child.send(run);
    const reply = await nextAnswer<Exclude<ImportReply, Failed>>(child, 'the import process');
    if (!('sent' in reply) || reply.sent !== options.events || reply.skipped > 0) throw new Error(`${label}: ${JSON.stringify(reply)} of ${options.events} events`);
    const acknowledged = lap(`${label}: importer, acknowledged (${options.batch}/request, ${options.concurrency} in flight)`, options.events);
    await waitForRows(h, table, deviceId, options.events);
    return [lap(`${label}: file → importer → GraphQL → bus → persistence → queryable`, options.events), acknowledged];
  } finally {
    child.kill();
  }
}

async function measureMode(mode: TestMode): Promise<Measurement[]> {
  const h = await startHarness(mode);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const persistence = await h.startPersistence();
    const imports: Measurement[] = [];
    for (const path of importPaths.keys()) imports.push(...(await importEndToEnd(h, path, dir)));
    // The baselines run alone: this machine's cores are otherwise shared with the consumer.
    await persistence.stop();
    const baselines = [await rawProduceOf(mode, h, options.events, options), await copyIntoTable(h, baselineEnvelopes('bench-copy', options.events), options)];
    return [...imports, ...baselines].map((m) => ({ ...m, mode }));
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = new Map<TestMode, Measurement[]>();
for (const mode of options.modes) results.set(mode, await measureMode(mode));

console.log(formatTable([...results.values()].flat()));
console.log();
for (const [mode, measurements] of results) {
  const produce = measurements.find((m) => m.path.startsWith('baseline:') && m.path.includes('produce'));
  const copy = measurements.find((m) => m.path.startsWith('baseline: PostgreSQL COPY'));
  for (const path of importPaths) {
    const endToEnd = measurements.find((m) => m.path.startsWith(`${path.label}: file`));
    console.log(`${mode}: ${path.label} end to end ${shareOf(endToEnd, produce)} of the raw producer, ${shareOf(endToEnd, copy)} of raw COPY`);
    const processes = endToEnd && processesLine(mode, endToEnd);
    if (processes) console.log(processes);
  }
}
console.log(machineLine());
