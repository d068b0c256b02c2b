// Google location history into gpsFix, from either export: the older Takeout Records.json
// ({"locations": [{latitudeE7, longitudeE7, accuracy, altitude, velocity, heading, timestamp or
// timestampMs}]}) and the newer on-device Timeline export (Timeline.json: "semanticSegments" with
// "timelinePath" points, and "rawSignals" with positions), read as a stream.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { PayloadOf } from '../../../schema/catalogue.ts';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId } from '../imported-event.ts';
import { jsonItems } from '../json-items.ts';

type Fix = { time: Date; payload: PayloadOf<'gpsFix'> };

// Some exports hold E7 coordinates past 2^31 that are negative ones read as unsigned.
const fromE7 = (e7: number) => (e7 > 1_800_000_000 ? e7 - 4_294_967_296 : e7) / 1e7;

const record = z.object({
  latitudeE7: z.number().int(),
  longitudeE7: z.number().int(),
  accuracy: z.number().nonnegative().optional(),
  altitude: z.number().optional(),
  velocity: z.number().nonnegative().optional(),
  heading: z.number().min(0).max(360).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  timestampMs: z.string().regex(/^\d+$/).optional(),
});

const degrees = /^\s*(-?\d+(?:\.\d+)?)°,\s*(-?\d+(?:\.\d+)?)°\s*$/;
const latLng = z.string().regex(degrees, { error: 'must be "<lat>°, <lng>°"' });
const pathPoint = z.object({ point: latLng, time: z.iso.datetime({ offset: true }) });
const segment = z.object({ timelinePath: z.array(z.unknown()).optional() });
const rawSignal = z.object({
  position: z
    .object({
      LatLng: latLng,
      accuracyMeters: z.number().nonnegative().optional(),
      altitudeMeters: z.number().optional(),
      speedMetersPerSecond: z.number().nonnegative().optional(),
      timestamp: z.iso.datetime({ offset: true }),
    })
    .optional(),
});

const problems = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'the item'} ${i.message}`).join('; ');

function coordinates(text: string): { latitude: number; longitude: number } {
  const [, lat, lng] = degrees.exec(text)!;
  return { latitude: Number(lat), longitude: Number(lng) };
}

/** The fixes of one item of the file, or why it has none. */
function fixesOf(section: string, value: unknown): Fix[] | string {
  if (section === 'locations') {
    const parsed = record.safeParse(value);
    if (!parsed.success) return problems(parsed.error);
    const r = parsed.data;
    const time = r.timestamp ? new Date(r.timestamp) : r.timestampMs ? new Date(Number(r.timestampMs)) : undefined;
    if (!time) return 'it has neither timestamp nor timestampMs';
    return [{ time, payload: { latitude: fromE7(r.latitudeE7), longitude: fromE7(r.longitudeE7), ...(r.accuracy !== undefined ? { accuracyM: r.accuracy } : {}), ...(r.altitude !== undefined ? { altitudeM: r.altitude } : {}), ...(r.velocity !== undefined ? { speedMs: r.velocity } : {}), ...(r.heading !== undefined ? { bearingDeg: r.heading } : {}) } }];
  }
  if (section === 'semanticSegments') {
    const parsed = segment.safeParse(value);
    if (!parsed.success) return problems(parsed.error);
    const fixes: Fix[] = [];
    for (const [i, point] of (parsed.data.timelinePath ?? []).entries()) {
      const p = pathPoint.safeParse(point);
      if (!p.success) return `timelinePath.${i}: ${problems(p.error)}`;
      fixes.push({ time: new Date(p.data.time), payload: coordinates(p.data.point) });
    }
    return fixes;
  }
  const parsed = rawSignal.safeParse(value);
  if (!parsed.success) return problems(parsed.error);
  const position = parsed.data.position;
  if (!position) return [];
  return [{ time: new Date(position.timestamp), payload: { ...coordinates(position.LatLng), ...(position.accuracyMeters !== undefined ? { accuracyM: position.accuracyMeters } : {}), ...(position.altitudeMeters !== undefined ? { altitudeM: position.altitudeMeters } : {}), ...(position.speedMetersPerSecond !== undefined ? { speedMs: position.speedMetersPerSecond } : {}) } }];
}

export function locationHistoryImporter(path: string): Importer {
  return {
    cursorKey: `google-location-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      // The parser gives no byte offsets to resume at: a resumed run reads the items before its cursor again without sending them.
      const done = typeof cursor?.items === 'number' ? cursor.items : 0;
      let index = 0;
      let found = 0;
      for await (const { section, value } of jsonItems(path, ['locations', 'semanticSegments', 'rawSignals'])) {
        found += 1;
        index += 1;
        if (index <= done) continue;
        const fixes = fixesOf(section, value);
        if (typeof fixes === 'string') {
          yield { type: 'skip', where: `${path} ${section} item ${index}`, reason: fixes };
        } else {
          for (const fix of fixes) {
            yield { type: 'event', event: importedEvent('gpsFix', importedEventId('google-location', fix.time.toISOString(), String(fix.payload.latitude), String(fix.payload.longitude)), fix.time, fix.payload) };
          }
        }
        yield { type: 'checkpoint', cursor: { items: index } };
      }
      if (found === 0) throw new Error(`${path} holds no "locations", "semanticSegments" or "rawSignals": is it Records.json from Google Takeout or Timeline.json exported from Google Maps?`);
    },
  };
}
