// Apple Health's export.xml (Health app → profile → Export All Health Data; often over a gigabyte)
// into heartRate and steps, parsed as a stream with saxes: one <Record> at a time is held.
// Records of types that have no kind yet are counted and reported once per type.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { fileFingerprint } from '../file-fingerprint.ts';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId, type ImportedEvent } from '../imported-event.ts';

/** "2024-01-01 09:00:00 +0100", as every date in export.xml is written. */
function healthDate(text: string | undefined): Date | undefined {
  const match = text?.match(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/);
  if (!match) return undefined;
  const date = new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type Attributes = Record<string, string>;

/** The event a record maps to, why it cannot be imported, or undefined for a type without a kind. */
function eventOf(record: Attributes): ImportedEvent | string | undefined {
  const type = record.type;
  if (type !== 'HKQuantityTypeIdentifierHeartRate' && type !== 'HKQuantityTypeIdentifierStepCount') return undefined;
  const start = healthDate(record.startDate);
  const end = healthDate(record.endDate);
  if (!start || !end) return `its startDate "${record.startDate ?? ''}" or endDate "${record.endDate ?? ''}" is not a date such as 2024-01-01 09:00:00 +0100`;
  const value = Number(record.value);
  if (record.value === undefined || Number.isNaN(value)) return `its value "${record.value ?? ''}" is not a number`;
  const id = importedEventId('apple-health', type, record.sourceName ?? '', record.startDate!, record.endDate!, record.value);
  if (type === 'HKQuantityTypeIdentifierHeartRate') return importedEvent('heartRate', id, start, { bpm: value });
  return importedEvent('steps', id, end, { count: Math.round(value), intervalS: Math.max(1, Math.round((end.getTime() - start.getTime()) / 1000)) });
}

export function appleHealthImporter(path: string): Importer {
  return {
    cursorKey: `apple-health-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const file = fileFingerprint(path);
      const done = cursor?.file === file && typeof cursor.records === 'number' ? cursor.records : 0;
      const parser = new SaxesParser();
      const unmapped = new Map<string, number>();
      let index = 0;
      let sawHealthData = false;
      let ready: ImportStep[] = [];
      parser.on('opentag', (tag) => {
        if (tag.name === 'HealthData') sawHealthData = true;
        if (tag.name !== 'Record') return;
        index += 1;
        if (index <= done) return;
        const attributes: Attributes = {};
        for (const [name, value] of Object.entries(tag.attributes)) if (typeof value === 'string') attributes[name] = value;
        const outcome = eventOf(attributes);
        if (outcome === undefined) unmapped.set(attributes.type ?? '(no type)', (unmapped.get(attributes.type ?? '(no type)') ?? 0) + 1);
        else if (typeof outcome === 'string') ready.push({ type: 'skip', where: `${path} Record ${index} (${attributes.type})`, reason: outcome });
        else ready.push({ type: 'event', event: outcome });
        ready.push({ type: 'checkpoint', cursor: { file, records: index } });
      });
      const stream = createReadStream(path, { encoding: 'utf8' });
      for await (const chunk of stream) {
        if (typeof chunk !== 'string') throw new Error(`reading ${path}: expected text`);
        try {
          parser.write(chunk);
        } catch (error) {
          throw new Error(`${path} is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
        }
        const steps = ready;
        ready = [];
        yield* steps;
      }
      parser.close();
      if (!sawHealthData) throw new Error(`${path} has no <HealthData>: is it export.xml from the Health app's export (apple_health_export/export.xml)?`);
      for (const [type, count] of unmapped) yield { type: 'skip', where: `${path}: ${count} ${count === 1 ? 'record' : 'records'} of type ${type}`, reason: 'no Lifestream kind holds this type yet' };
    },
  };
}
