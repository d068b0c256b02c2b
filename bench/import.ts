// `npm run bench:import`: events per second of the Apple Health and location-history importers end
// to end (a file written by code → the importer → GraphQL → bus → persistence → queryable), beside
// the raw paths of bench:ingest (the bus's own producer, PostgreSQL COPY) measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessToken } from '../db/access-tokens.ts';
import { tableName } from '../db/tables.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { gpsFix } from '../schema/kinds/sensors.ts';
import { appleHealthImporter } from '../scripts/import/apple/apple-health.ts';
import { cursorFile } from '../scripts/import/cursor-file.ts';
import { locationHistoryImporter } from '../scripts/import/google/location-history.ts';
import type { Importer } from '../scripts/import/import-step.ts';
import { lifestreamClient } from '../scripts/import/lifestream-client.ts';
import { runImport } from '../scripts/import/run-import.ts';
import { writeHealthExport, type HealthRecord } from '../test/fixtures/apple-health.ts';
import { fixtureRecords, writeRecordsJson } from '../test/fixtures/location-history.ts';
import { startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';
import { machineLine } from './measure.ts';
import { baselineEnvelopes, copyIntoTable, rawProduceOf } from './raw-baselines.ts';
import { formatTable, shareOf, startClock, throughputCommand, waitForRows, type Measurement, type ThroughputOptions } from './throughput.ts';

const options = throughputCommand(
  'bench:import',
  'Measures the Apple Health and location-history importers from file to queryable on the local stack, beside raw Kafka and PostgreSQL baselines.',
  50_000,
)
  .parse()
  .opts<ThroughputOptions>();

/** `count` heart-rate records a second apart from 2024-03-01 00:00 +0100, as the Health app writes them. */
function heartRateRecords(count: number): HealthRecord[] {
  const start = Date.UTC(2024, 2, 1) - 3_600_000;
  // The export writes local wall-clock time with its offset: +01:00 here.
  const healthDate = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} +0100`;
  return Array.from({ length: count }, (_, i) => {
    const at = healthDate(start + i * 1000);
    return { type: 'HKQuantityTypeIdentifierHeartRate', startDate: at, endDate: at, value: String(55 + (i % 90)), unit: 'count/min' };
  });
}

interface ImportPath {
  label: string;
  table: string;
  /** Writes the source file of `events` events under dir, untimed, and returns its importer. */
  prepare(dir: string, events: number): Importer;
}

const paths: ImportPath[] = [
  {
    label: 'Apple Health export.xml',
    table: tableName(heartRate),
    prepare(dir, events) {
      const path = join(dir, 'export.xml');
      writeHealthExport(path, heartRateRecords(events));
      return appleHealthImporter(path);
    },
  },
  {
    label: 'Google location Records.json',
    table: tableName(gpsFix),
    prepare(dir, events) {
      const path = join(dir, 'Records.json');
      writeRecordsJson(path, fixtureRecords(events));
      return locationHistoryImporter(path);
    },
  },
];

/** One importer run as the CLI runs it (`--concurrency` requests in flight, the CLI's --in-flight), timed until its rows are queryable. */
async function importEndToEnd(h: Harness, path: ImportPath, dir: string): Promise<Measurement[]> {
  const deviceId = uniqueDevice('bench-import');
  const { token } = await createAccessToken(h.services.store, { name: `bench ${path.label}`, scope: 'ingest', deviceId });
  const importer = path.prepare(dir, options.events);
  const client = lifestreamClient({ url: h.url, token, deviceId });
  const lap = startClock();
  const report = await runImport(importer, { client, cursor: cursorFile(join(dir, 'state'), importer.cursorKey), batchSize: options.batch, inFlight: options.concurrency });
  if (report.sent !== options.events || report.skipped.length > 0) throw new Error(`${path.label}: sent ${report.sent} of ${options.events}, skipped ${JSON.stringify(report.skipped.slice(0, 3))}`);
  const acknowledged = lap(`${path.label}: importer, acknowledged (${options.batch}/request, ${options.concurrency} in flight)`, options.events);
  await waitForRows(h, path.table, deviceId, options.events);
  return [lap(`${path.label}: file → importer → GraphQL → bus → persistence → queryable`, options.events), acknowledged];
}

async function measureMode(mode: TestMode): Promise<Measurement[]> {
  const h = await startHarness(mode);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    const persistence = await h.startPersistence();
    const imports: Measurement[] = [];
    for (const path of paths) imports.push(...(await importEndToEnd(h, path, dir)));
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
  for (const path of paths) {
    const endToEnd = measurements.find((m) => m.path.startsWith(`${path.label}: file`));
    console.log(`${mode}: ${path.label} end to end ${shareOf(endToEnd, produce)} of the raw producer, ${shareOf(endToEnd, copy)} of raw COPY`);
  }
}
console.log(machineLine());
