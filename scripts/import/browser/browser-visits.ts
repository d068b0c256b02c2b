// Visits from a browser's history database into webVisit: read from a snapshot (database-snapshot.ts)
// in visit id order, the cursor the last visit id sent, so a run continues after the last
// acknowledged visit and a later run imports only the visits added since. Each browser
// (chromium-history.ts, firefox-places.ts) gives its queries and its clock.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId } from '../imported-event.ts';
import { missingTables, openSnapshot } from './database-snapshot.ts';

/** One visit as the browser's query returns it; times and durations in the browser's microseconds. */
export interface VisitRow {
  visitId: bigint;
  visitTime: bigint | null;
  url: string | null;
  title: string | null;
  referrer: string | null;
  durationUs: bigint | null;
  /** Chrome's transition, Firefox's visit_type. */
  transition: bigint | null;
}

export interface HistoryDatabaseFormat {
  /** What the file is, for messages: "Chrome's History". */
  name: string;
  tables: readonly string[];
  /** Source name of the event ids: the same visit gives the same id whichever file it came from. */
  idSource: string;
  /** How many visits have an id above $1. */
  countAfter: string;
  /** The VisitRow columns of the visits with an id above $1, by id. */
  visitsAfter: string;
  /** The visit time as microseconds since 1970-01-01 UTC. */
  unixMicroseconds(visitTime: bigint): bigint;
  /** What the visit is when it is no page the person opened (a frame inside a page, a download), else undefined. */
  notAPageVisit(transition: bigint): string | undefined;
}

const dayMs = 86_400_000;

const schemeOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).protocol : undefined);

export function browserHistoryImporter(path: string, format: HistoryDatabaseFormat, browser: string): Importer {
  return {
    cursorKey: `${format.idSource}-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const after = typeof cursor?.visitId === 'number' ? cursor.visitId : 0;
      const snapshot = openSnapshot(path);
      try {
        const missing = missingTables(snapshot.db, format.tables);
        if (missing.length > 0) throw new Error(`${path} has no ${missing.join(' or ')} table: is it ${format.name} file?`);
        const total = snapshot.db.prepare<[number], { n: number }>(format.countAfter).get(after)?.n ?? 0;
        yield { type: 'total', items: total };
        // Chrome's times (microseconds since 1601) pass 2^53: every integer is read as a bigint.
        const visits = snapshot.db.prepare<[number], VisitRow>(format.visitsAfter).safeIntegers(true);
        // Counted, not listed: a history holds thousands of each.
        const notMapped = new Map<string, number>();
        const count = (what: string) => notMapped.set(what, (notMapped.get(what) ?? 0) + 1);
        for (const row of visits.iterate(after)) {
          const where = `${path} visit ${row.visitId}`;
          const usec = row.visitTime === null ? 0n : format.unixMicroseconds(row.visitTime);
          const scheme = row.url === null ? undefined : schemeOf(row.url);
          const notAPage = row.transition === null ? undefined : format.notAPageVisit(row.transition);
          if (notAPage !== undefined) {
            count(notAPage);
          } else if (row.url === null) {
            yield { type: 'skip', where, reason: 'its page is not in the history (the visit names a page id that no row has)' };
          } else if (scheme === undefined) {
            yield { type: 'skip', where, reason: `its address "${row.url.slice(0, 200)}" is not a URL` };
          } else if (scheme !== 'http:' && scheme !== 'https:') {
            count(`visits to ${scheme} pages (webVisit holds http(s) pages only)`);
          } else if (usec <= 0n) {
            yield { type: 'skip', where, reason: `its time (${String(row.visitTime)}) is missing or lies before 1970` };
          } else {
            const durationMs = row.durationUs === null ? 0 : Number(row.durationUs / 1000n);
            const referrer = row.referrer !== null && /^https?:$/.test(schemeOf(row.referrer) ?? '') ? row.referrer : undefined;
            yield {
              type: 'event',
              event: importedEvent('webVisit', importedEventId(format.idSource, String(usec), row.url), new Date(Number(usec / 1000n)), {
                url: row.url,
                ...(row.title ? { title: row.title.slice(0, 1_024) } : {}),
                // A tab left open for days is no day-long visit: such durations are left out.
                ...(durationMs > 0 && durationMs <= dayMs ? { durationMs } : {}),
                ...(referrer ? { referrer } : {}),
                browser,
              }),
            };
          }
          yield { type: 'checkpoint', cursor: { visitId: Number(row.visitId) } };
        }
        for (const [what, n] of notMapped) yield { type: 'skip', where: path, reason: `${n} ${what}: not mapped` };
      } finally {
        snapshot.close();
      }
    },
  };
}
