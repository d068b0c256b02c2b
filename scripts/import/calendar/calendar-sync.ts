// Keeps a calendar's imported occurrences in step with it: an occurrence is sent when it is new or
// changed (a digest per id in the cursor), and one that left the calendar (deleted, or taken out
// of its series by an EXDATE) is sent once more as CANCELLED, so that the timeline shows what the
// calendar shows. A collection whose version (CalDAV's ctag) is the one seen last is not read.
import { createHash } from 'node:crypto';
import type { PayloadOf } from '../../../schema/catalogue.ts';
import type { Cursor, Importer, ImportStep } from '../import-step.ts';
import { importedEvent } from '../imported-event.ts';
import { calendarOccurrences, type Window } from './calendar-occurrences.ts';

export interface CalendarCollection {
  /** Where its events come from (a file, a URL, a CalDAV calendar): occurrences vanish only from their own. */
  scope: string;
  calendarName?: string;
  /** Changes whenever the collection does (CalDAV ctag); undefined: always read. */
  version?: string;
  documents(): AsyncIterable<{ where: string; text: string }>;
}

interface Known {
  scope: string;
  digest: string;
  time: string;
  endTime: string;
  title: string;
  calendarEventId: string;
  cancelled: boolean;
}

const isKnown = (value: unknown): value is Known =>
  typeof value === 'object' && value !== null && 'scope' in value && 'digest' in value && 'time' in value && 'endTime' in value && 'title' in value && 'calendarEventId' in value && typeof value.time === 'string' && typeof value.endTime === 'string';

function knownOf(cursor: Cursor | undefined): Map<string, Known> {
  const events = cursor?.events;
  return new Map(events && typeof events === 'object' ? Object.entries(events).filter((entry): entry is [string, Known] => isKnown(entry[1])) : []);
}

function versionsOf(cursor: Cursor | undefined): Record<string, string> {
  const versions = cursor?.versions;
  return versions && typeof versions === 'object' ? Object.fromEntries(Object.entries(versions).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
}

const digestOf = (time: Date, payload: PayloadOf<'calendarEvent'>) => createHash('sha256').update(JSON.stringify([time, payload])).digest('base64url').slice(0, 22);

export function calendarImporter(cursorKey: string, collections: () => AsyncIterable<CalendarCollection>, options: { window: Window; zone: string }): Importer {
  return {
    cursorKey,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const known = knownOf(cursor);
      const versions = versionsOf(cursor);
      for await (const collection of collections()) {
        if (collection.version !== undefined && versions[collection.scope] === collection.version) continue;
        const seen = new Set<string>();
        for await (const document of collection.documents()) {
          const { events, skipped } = calendarOccurrences(document.text, document.where, { window: options.window, zone: options.zone, calendarName: collection.calendarName });
          for (const skip of skipped) yield { type: 'skip', ...skip };
          for (const event of events) {
            seen.add(event.id);
            const digest = digestOf(event.time, event.payload);
            if (known.get(event.id)?.digest === digest) continue;
            known.set(event.id, { scope: collection.scope, digest, time: event.time.toISOString(), endTime: event.payload.endTime.toISOString(), title: event.payload.title, calendarEventId: event.payload.calendarEventId, cancelled: event.payload.status === 'CANCELLED' });
            yield { type: 'event', event };
          }
        }
        for (const [id, entry] of known) {
          const time = new Date(entry.time);
          const inWindow = time >= options.window.from && time < options.window.until;
          if (entry.scope !== collection.scope || seen.has(id) || entry.cancelled || !inWindow) continue;
          const payload: PayloadOf<'calendarEvent'> = { calendarEventId: entry.calendarEventId, title: entry.title, endTime: new Date(entry.endTime), status: 'CANCELLED', ...(collection.calendarName ? { calendarName: collection.calendarName } : {}) };
          known.set(id, { ...entry, digest: digestOf(time, payload), cancelled: true });
          yield { type: 'event', event: importedEvent('calendarEvent', id, time, payload) };
        }
        if (collection.version !== undefined) versions[collection.scope] = collection.version;
        yield { type: 'checkpoint', cursor: { versions: { ...versions }, events: Object.fromEntries(known) } };
      }
    },
  };
}
