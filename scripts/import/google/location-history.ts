// Google location history into gpsFix, from each export: the older Takeout Records.json
// ({"locations": [{latitudeE7, longitudeE7, accuracy, altitude, velocity, heading, timestamp or
// timestampMs}]}), the on-device Timeline export from Android (Timeline.json: "semanticSegments"
// with "timelinePath" points, visits and activities, and "rawSignals" with positions) and from iOS
// (a JSON array of segments, positions as "geo:lat,lng", path points as minutes after the segment's
// start), read as a stream.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { PayloadOf } from '../../../schema/catalogue.ts';
import { fileFingerprint } from '../file-fingerprint.ts';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId } from '../imported-event.ts';
import { jsonValues } from '../json-items.ts';
import { safeParseQuotingInput } from '../../../schema/validation.ts';
import { itemProblems } from '../item-problems.ts';

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
const instant = z.iso.datetime({ offset: true });
const pathPoint = z.object({ point: latLng, time: instant });
const segment = z.object({
  timelinePath: z.array(z.unknown()).optional(),
  visit: z.unknown().optional(),
  activity: z.unknown().optional(),
});
const span = z.object({ startTime: instant, endTime: instant });
const visit = z.object({ topCandidate: z.object({ placeLocation: z.object({ latLng }) }) });
const activity = z.object({ start: z.object({ latLng }), end: z.object({ latLng }) });

// The iOS export writes positions as geo URIs (RFC 5870) and numbers as strings.
const geoUri = /^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/;
const geo = z.string().regex(geoUri, { error: 'must be "geo:<lat>,<lng>"' });
const minutes = z.union([z.string().regex(/^\d+$/).transform(Number), z.number().int().nonnegative()]);
const iosSegment = z.object({
  startTime: instant,
  endTime: instant,
  visit: z.object({ topCandidate: z.object({ placeLocation: geo }) }).optional(),
  activity: z.object({ start: geo, end: geo }).optional(),
  timelinePath: z.array(z.object({ point: geo, durationMinutesOffsetFromStartTime: minutes })).optional(),
});
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

const problems = (error: z.ZodError) => itemProblems(error, 'the item');

function coordinates(text: string): { latitude: number; longitude: number } {
  const [, lat, lng] = degrees.exec(text) ?? geoUri.exec(text)!;
  return { latitude: Number(lat), longitude: Number(lng) };
}

/** A place's position at the start and at the end of a stay there, or of a move from one to the other. */
const atStartAndEnd = (times: { startTime: string; endTime: string }, start: string, end: string): Fix[] => [
  { time: new Date(times.startTime), payload: coordinates(start) },
  { time: new Date(times.endTime), payload: coordinates(end) },
];

/** An Android semantic segment's fixes: its path points, its visit's place, its activity's ends. */
function segmentFixes(value: unknown): Fix[] | string {
  const parsed = safeParseQuotingInput(segment, value);
  if (!parsed.success) return problems(parsed.error);
  const fixes: Fix[] = [];
  for (const [i, point] of (parsed.data.timelinePath ?? []).entries()) {
    const p = safeParseQuotingInput(pathPoint, point);
    if (!p.success) return `timelinePath.${i}: ${problems(p.error)}`;
    fixes.push({ time: new Date(p.data.time), payload: coordinates(p.data.point) });
  }
  if (parsed.data.visit === undefined && parsed.data.activity === undefined) return fixes;
  const times = safeParseQuotingInput(span, value);
  if (!times.success) return problems(times.error);
  if (parsed.data.visit !== undefined) {
    const v = safeParseQuotingInput(visit, parsed.data.visit);
    if (!v.success) return `visit.${problems(v.error)}`;
    const place = v.data.topCandidate.placeLocation.latLng;
    fixes.push(...atStartAndEnd(times.data, place, place));
  }
  if (parsed.data.activity !== undefined) {
    const a = safeParseQuotingInput(activity, parsed.data.activity);
    if (!a.success) return `activity.${problems(a.error)}`;
    fixes.push(...atStartAndEnd(times.data, a.data.start.latLng, a.data.end.latLng));
  }
  return fixes;
}

/** An iOS segment's fixes, path points placed by their minutes after the segment's start. */
function iosSegmentFixes(value: unknown): Fix[] | string {
  const parsed = safeParseQuotingInput(iosSegment, value);
  if (!parsed.success) return problems(parsed.error);
  const s = parsed.data;
  const start = new Date(s.startTime).getTime();
  return [
    ...(s.visit ? atStartAndEnd(s, s.visit.topCandidate.placeLocation, s.visit.topCandidate.placeLocation) : []),
    ...(s.activity ? atStartAndEnd(s, s.activity.start, s.activity.end) : []),
    ...(s.timelinePath ?? []).map((p) => ({ time: new Date(start + p.durationMinutesOffsetFromStartTime * 60_000), payload: coordinates(p.point) })),
  ];
}

/** The fixes of one item of the file, or why it has none. */
function fixesOf(section: string, value: unknown): Fix[] | string {
  if (section === 'locations') {
    const parsed = safeParseQuotingInput(record, value);
    if (!parsed.success) return problems(parsed.error);
    const r = parsed.data;
    const time = r.timestamp ? new Date(r.timestamp) : r.timestampMs ? new Date(Number(r.timestampMs)) : undefined;
    if (!time) return 'it has neither timestamp nor timestampMs';
    return [{ time, payload: { latitude: fromE7(r.latitudeE7), longitude: fromE7(r.longitudeE7), ...(r.accuracy !== undefined ? { accuracyM: r.accuracy } : {}), ...(r.altitude !== undefined ? { altitudeM: r.altitude } : {}), ...(r.velocity !== undefined ? { speedMs: r.velocity } : {}), ...(r.heading !== undefined ? { bearingDeg: r.heading } : {}) } }];
  }
  if (section === 'semanticSegments') return segmentFixes(value);
  if (section === 'segment') return iosSegmentFixes(value);
  const parsed = safeParseQuotingInput(rawSignal, value);
  if (!parsed.success) return problems(parsed.error);
  const position = parsed.data.position;
  if (!position) return [];
  return [{ time: new Date(position.timestamp), payload: { ...coordinates(position.LatLng), ...(position.accuracyMeters !== undefined ? { accuracyM: position.accuracyMeters } : {}), ...(position.altitudeMeters !== undefined ? { altitudeM: position.altitudeMeters } : {}), ...(position.speedMetersPerSecond !== undefined ? { speedMs: position.speedMetersPerSecond } : {}) } }];
}

/** Whether the JSON document is an array (the iOS export) rather than an object: its first character. */
function holdsArray(path: string): boolean {
  const head = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').replace(/^\uFEFF/, '');
    return text.trimStart().startsWith('[');
  } finally {
    closeSync(fd);
  }
}

/** The file's items: each array element with the name of its array ("segment" for the iOS export's top-level one). */
async function* locationItems(path: string): AsyncGenerator<{ section: string; value: unknown }> {
  if (holdsArray(path)) {
    for await (const { value } of jsonValues(path, ['$.*'])) yield { section: 'segment', value };
    return;
  }
  for await (const { keys, value } of jsonValues(path, ['$.locations.*', '$.semanticSegments.*', '$.rawSignals.*'])) yield { section: String(keys[0]), value };
}

export function locationHistoryImporter(path: string): Importer {
  return {
    cursorKey: `google-location-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const file = fileFingerprint(path);
      // The parser gives no byte offsets to resume at: a resumed run reads the items before its cursor again without sending them.
      const done = cursor?.file === file && typeof cursor.items === 'number' ? cursor.items : 0;
      let index = 0;
      for await (const { section, value } of locationItems(path)) {
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
        yield { type: 'checkpoint', cursor: { file, items: index } };
      }
      if (index === 0) throw new Error(`${path} holds no "locations", "semanticSegments" or "rawSignals", nor a list of segments: is it Records.json from Google Takeout or Timeline.json exported from Google Maps?`);
    },
  };
}
