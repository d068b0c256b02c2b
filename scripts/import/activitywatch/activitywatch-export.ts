// An ActivityWatch export (aw-server's /api/0/export, the web UI's "Export all buckets as JSON":
// {"buckets": {<bucket id>: {id, type, client, hostname, ..., "events": [{id, timestamp, duration,
// data}]}}}) into appFocus, inputActivity and webVisit, read as a stream: window events become
// focus changes, AFK periods input-free intervals, browser tab events page visits.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { fileFingerprint } from '../file-fingerprint.ts';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId, type ImportedEvent } from '../imported-event.ts';
import { jsonValues } from '../json-items.ts';
import { safeParseQuotingInput } from '../../../schema/validation.ts';
import { itemProblems } from '../item-problems.ts';

const event = z.object({
  timestamp: z.iso.datetime({ offset: true }),
  duration: z.number().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});
const windowData = z.object({ app: z.string().min(1), title: z.string().optional() });
const afkData = z.object({ status: z.enum(['afk', 'not-afk']) });
const webData = z.object({ url: z.string().min(1), title: z.string().optional() });
// aw-watcher-input: key presses and mouse clicks counted over the event's duration.
const inputData = z.object({ presses: z.number().int().nonnegative(), clicks: z.number().int().nonnegative() });

type AwEvent = z.infer<typeof event>;
/** The events of one ActivityWatch event, or why it has none; `unmapped` names what has no kind. */
type Outcome = ImportedEvent[] | { skip: string } | { unmapped: string };

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const problems = (error: z.ZodError) => itemProblems(error, 'the event');
const id = (bucket: string, e: AwEvent, ...more: string[]) => importedEventId('activitywatch', bucket, new Date(e.timestamp).toISOString(), ...more);

/** "aw-watcher-web-firefox_host" → "Firefox": the web watcher names its browser in its bucket id. */
const browserOf = (bucket: string) => {
  const name = /aw-watcher-web-([a-z]+)/i.exec(bucket)?.[1];
  return name ? name[0]!.toUpperCase() + name.slice(1) : undefined;
};

function eventsOf(type: string, bucket: string, e: AwEvent): Outcome {
  const start = new Date(e.timestamp);
  const durationMs = Math.round(e.duration * 1000);
  if (type === 'currentwindow') {
    const data = safeParseQuotingInput(windowData, e.data);
    if (!data.success) return { skip: problems(data.error) };
    return [importedEvent('appFocus', id(bucket, e), start, { appName: data.data.app.slice(0, 256), action: 'FOCUSED', ...(data.data.title ? { windowTitle: data.data.title.slice(0, 1_024) } : {}) })];
  }
  if (type === 'afkstatus') {
    const data = safeParseQuotingInput(afkData, e.data);
    if (!data.success) return { skip: problems(data.error) };
    // Not AFK says there was input, not how much: inputActivity counts keys and clicks, so only the
    // AFK periods (no input at all) are stated, in intervals of at most an hour ending at their time.
    if (data.data.status === 'not-afk') return { unmapped: 'not-afk periods (input of unknown amount)' };
    const events: ImportedEvent[] = [];
    for (let offset = 0; offset < durationMs; offset += hourMs) {
      const intervalS = Math.round(Math.min(hourMs, durationMs - offset) / 1000);
      if (intervalS < 1) break;
      const end = new Date(start.getTime() + offset + intervalS * 1000);
      events.push(importedEvent('inputActivity', id(bucket, e, String(offset)), end, { intervalS, keystrokes: 0, mouseClicks: 0 }));
    }
    return events;
  }
  if (type === 'os.hid.input') {
    const data = safeParseQuotingInput(inputData, e.data);
    if (!data.success) return { skip: problems(data.error) };
    const intervalS = Math.round(e.duration);
    if (intervalS < 1 || intervalS > 3_600) return { skip: `its duration ${e.duration} s is no interval of 1 s to an hour` };
    return [importedEvent('inputActivity', id(bucket, e), new Date(start.getTime() + intervalS * 1000), { intervalS, keystrokes: data.data.presses, mouseClicks: data.data.clicks })];
  }
  if (type === 'web.tab.current') {
    const data = safeParseQuotingInput(webData, e.data);
    if (!data.success) return { skip: problems(data.error) };
    if (!URL.canParse(data.data.url)) return { skip: `its url "${data.data.url.slice(0, 200)}" is not a URL` };
    const scheme = new URL(data.data.url).protocol;
    if (scheme !== 'http:' && scheme !== 'https:') return { unmapped: `visits to ${scheme} pages (webVisit holds http(s) pages only)` };
    const browser = browserOf(bucket);
    return [
      importedEvent('webVisit', id(bucket, e), start, {
        url: data.data.url,
        ...(data.data.title ? { title: data.data.title.slice(0, 1_024) } : {}),
        ...(durationMs > 0 && durationMs <= dayMs ? { durationMs } : {}),
        ...(browser ? { browser } : {}),
      }),
    ];
  }
  return { unmapped: `events of type ${type} (no Lifestream kind holds them yet)` };
}

export function activityWatchImporter(path: string): Importer {
  return {
    cursorKey: `activitywatch-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const file = fileFingerprint(path);
      // The parser gives no byte offsets: a resumed run reads the events before its cursor again without sending them.
      const done = cursor?.file === file && typeof cursor.items === 'number' ? cursor.items : 0;
      const types = new Map<string, string>();
      const unmapped = new Map<string, { bucket: string; what: string; count: number }>();
      let index = 0;
      let buckets = 0;
      for await (const { keys, value } of jsonValues(path, ['$.buckets.*.type', '$.buckets.*.events.*'])) {
        const bucket = String(keys[1]);
        if (keys[2] === 'type') {
          buckets += 1;
          types.set(bucket, String(value));
          continue;
        }
        index += 1;
        if (index <= done) continue;
        const where = `${path} bucket ${bucket} event ${String(keys[3])}`;
        const type = types.get(bucket);
        const parsed = safeParseQuotingInput(event, value);
        const outcome: Outcome = type === undefined ? { skip: 'its bucket has no "type" before its events' } : parsed.success ? eventsOf(type, bucket, parsed.data) : { skip: problems(parsed.error) };
        if (Array.isArray(outcome)) {
          for (const imported of outcome) yield { type: 'event', event: imported };
        } else if ('skip' in outcome) {
          yield { type: 'skip', where, reason: outcome.skip };
        } else {
          const key = JSON.stringify([bucket, outcome.unmapped]);
          const counted = unmapped.get(key) ?? { bucket, what: outcome.unmapped, count: 0 };
          unmapped.set(key, { ...counted, count: counted.count + 1 });
        }
        yield { type: 'checkpoint', cursor: { file, items: index } };
      }
      if (buckets === 0 && index === 0) throw new Error(`${path} holds no "buckets": is it an ActivityWatch export (Settings → Export all buckets as JSON)?`);
      for (const { bucket, what, count } of unmapped.values()) yield { type: 'skip', where: `${path} bucket ${bucket}`, reason: `${count} ${what}: not mapped` };
    },
  };
}
