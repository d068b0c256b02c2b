// ICS calendars from files or URLs (a calendar's "secret address in iCal format"), each a
// collection of its own: re-importing one sends only what changed since.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Importer } from '../import-step.ts';
import type { Window } from './calendar-occurrences.ts';
import { calendarImporter, type CalendarCollection } from './calendar-sync.ts';

export const isCalendarUrl = (source: string) => /^(https?|webcal):\/\//i.test(source);

async function fetchCalendar(source: string): Promise<string> {
  const url = source.replace(/^webcal:/i, 'https:');
  const response = await fetch(url, { headers: { accept: 'text/calendar' } }).catch((error: unknown) => {
    throw new Error(`calendar ${url} could not be fetched`, { cause: error });
  });
  if (!response.ok) throw new Error(`calendar ${url} answered HTTP ${response.status}; check the address (a private calendar's secret iCal address)`);
  return response.text();
}

export function icsImporter(sources: readonly string[], options: { window: Window; zone: string; calendarName?: string }): Importer {
  const scopes = sources.map((source) => (isCalendarUrl(source) ? source : resolve(source)));
  const collections = async function* (): AsyncGenerator<CalendarCollection> {
    for (const scope of scopes) {
      yield {
        scope,
        calendarName: options.calendarName ?? (isCalendarUrl(scope) ? new URL(scope.replace(/^webcal:/i, 'https:')).hostname : basename(scope).replace(/\.ics$/i, '')),
        async *documents() {
          yield { where: scope, text: isCalendarUrl(scope) ? await fetchCalendar(scope) : await readFile(scope, 'utf8') };
        },
      };
    }
  };
  return calendarImporter(`calendar-ics-${createHash('sha256').update(scopes.join('\n')).digest('hex').slice(0, 12)}`, collections, options);
}
