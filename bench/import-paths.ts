// The sources bench:import measures: a file written by code and the importer that reads it, shared
// by the benchmark (which writes the file) and the import process (which reads it, as the CLI does).
import { join } from 'node:path';
import { tableName } from '../db/tables.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { gpsFix } from '../schema/kinds/sensors.ts';
import { appleHealthImporter } from '../scripts/import/apple/apple-health.ts';
import { locationHistoryImporter } from '../scripts/import/google/location-history.ts';
import type { Importer } from '../scripts/import/import-step.ts';
import { writeHealthExport, type HealthRecord } from '../test/fixtures/apple-health.ts';
import { fixtureRecords, writeRecordsJson } from '../test/fixtures/location-history.ts';

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

export interface ImportPath {
  label: string;
  table: string;
  /** Writes the source file of `events` events under dir, untimed; answers its path. */
  write(dir: string, events: number): string;
  importer(file: string): Importer;
}

/** A source's write(): the file `name` under dir, written by `writeFile`; answers its path. */
const writtenAs =
  (name: string, writeFile: (file: string, events: number) => void): ImportPath['write'] =>
  (dir, events) => {
    const file = join(dir, name);
    writeFile(file, events);
    return file;
  };

export const importPaths: ImportPath[] = [
  {
    label: 'Apple Health export.xml',
    table: tableName(heartRate),
    write: writtenAs('export.xml', (file, events) => writeHealthExport(file, heartRateRecords(events))),
    importer: appleHealthImporter,
  },
  {
    label: 'Google location Records.json',
    table: tableName(gpsFix),
    write: writtenAs('Records.json', (file, events) => writeRecordsJson(file, fixtureRecords(events))),
    importer: locationHistoryImporter,
  },
];
