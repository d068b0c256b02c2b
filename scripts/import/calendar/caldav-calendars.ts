// CalDAV sync with tsdav: every calendar of the account or those named, each read only when its
// ctag changed since the last run, its objects' events kept in step as calendar-sync.ts does.
import { DAVClient } from 'tsdav';
import type { Importer } from '../import-step.ts';
import type { Window } from './calendar-occurrences.ts';
import { calendarImporter, type CalendarCollection } from './calendar-sync.ts';

export interface CaldavAccount {
  serverUrl: string;
  user: string;
  auth: { password: string } | { accessToken: string };
  /** Display names (or URLs) of calendars to import; empty: all of them. */
  calendars: readonly string[];
}

export function caldavImporter(account: CaldavAccount, options: { window: Window; zone: string }): Importer {
  const collections = async function* (): AsyncGenerator<CalendarCollection> {
    const client =
      'password' in account.auth
        ? new DAVClient({ serverUrl: account.serverUrl, credentials: { username: account.user, password: account.auth.password }, authMethod: 'Basic', defaultAccountType: 'caldav' })
        : new DAVClient({ serverUrl: account.serverUrl, credentials: { accessToken: account.auth.accessToken }, authMethod: 'Bearer', defaultAccountType: 'caldav' });
    try {
      await client.login();
    } catch (error) {
      throw new Error(`CalDAV login to ${account.serverUrl} as ${account.user} failed; check the address, the user and the password or token`, { cause: error });
    }
    const calendars = (await client.fetchCalendars()).map((calendar) => ({ calendar, name: typeof calendar.displayName === 'string' ? calendar.displayName : calendar.url }));
    const unknown = account.calendars.filter((wanted) => !calendars.some((c) => c.name === wanted || c.calendar.url === wanted));
    if (unknown.length > 0) throw new Error(`CalDAV calendar ${unknown.map((n) => `"${n}"`).join(', ')} not found at ${account.serverUrl}; calendars there: ${calendars.map((c) => c.name).join(', ') || 'none'}`);
    for (const { calendar, name } of calendars) {
      if (account.calendars.length > 0 && !account.calendars.includes(name) && !account.calendars.includes(calendar.url)) continue;
      yield {
        scope: calendar.url,
        calendarName: name,
        version: calendar.ctag ?? calendar.syncToken?.toString(),
        async *documents() {
          for (const object of await client.fetchCalendarObjects({ calendar })) {
            if (typeof object.data === 'string') yield { where: object.url, text: object.data };
          }
        },
      };
    }
  };
  return calendarImporter(`calendar-caldav-${account.user}@${new URL(account.serverUrl).host}`, collections, options);
}
