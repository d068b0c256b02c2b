// The calendar importers end to end: ICS files and a real CalDAV server (the stack's Radicale) into
// calendarEvent through the GraphQL API, the bus and persistence: series expanded in their zones,
// exceptions and EXDATEs right, changes and deletions applied to the same events, re-runs that add
// nothing, an interrupted import that resumes, malformed entries reported and skipped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DAVClient } from 'tsdav';
import { caldavImporter } from '../scripts/import/calendar/caldav-calendars.ts';
import { icsImporter } from '../scripts/import/calendar/ics-files.ts';
import { calendarObjects, expectedOccurrences, icsDocument, malformedObjects, runawayObject } from './fixtures/icalendar.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';
import { freePort } from './processes.ts';
import { stackEnv } from './stack-env.ts';

const settings = { window: { from: new Date('2025-01-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z') }, zone: 'UTC' };
const calendarFields = '... on CalendarEvent { calendarEventId title endTime allDay status calendarName }';
const work = mkdtempSync(join(tmpdir(), 'lifestream-import-calendar-'));
const summary = (events: Record<string, unknown>[]) => events.map((e) => [e.time, e.title, e.endTime, e.status ?? null]);
const firstVersion = expectedOccurrences.map((o) => [...o]);

describe('calendar importers', () => {
  const lifestream = importerLifestream();

  it('imports an ICS file with times and zones right, skipping and reporting malformed entries', async () => {
    const target = await importTarget(lifestream(), 'ics');
    const path = join(work, 'work.ics');
    writeFileSync(path, icsDocument([...calendarObjects({ label: target.deviceId }), ...malformedObjects(target.deviceId)]));
    const report = await target.run(icsImporter([path], settings));
    assert.equal(report.sent, expectedOccurrences.length);
    assert.deepEqual(report.skipped.map((s) => s.reason), ['it has no UID', 'it has no DTSTART', 'it changes occurrences of an event the document does not hold (RECURRENCE-ID without its series)']);
    const events = await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields);
    assert.deepEqual(summary(events), firstVersion);
    assert.deepEqual(new Set(events.map((e) => e.calendarName)), new Set(['work']));
    assert.equal(events.find((e) => e.title === 'Trip')!.allDay, true);
  });

  it('a re-run sends nothing; a changed calendar moves, renames and cancels the same events', async () => {
    const target = await importTarget(lifestream(), 'ics-update');
    const path = join(work, 'update.ics');
    const label = target.deviceId;
    writeFileSync(path, icsDocument(calendarObjects({ label })));
    await target.run(icsImporter([path], settings));
    await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields);
    assert.equal((await target.run(icsImporter([path], settings))).sent, 0);

    writeFileSync(path, icsDocument(calendarObjects({ label, standupTitle: 'Daily', reviewStart: '20250312T170000Z', withLunch: false, tripStatus: 'CANCELLED' })));
    const update = await target.run(icsImporter([path], settings));
    assert.equal(update.sent, 6, 'three standups renamed, the review moved, the trip and the lunch cancelled');
    const expected = [
      ['2025-03-10T13:00:00.000Z', 'Call with New York', '2025-03-10T13:30:00.000Z', null],
      ['2025-03-12T17:00:00.000Z', 'Review', '2025-03-12T18:00:00.000Z', null],
      ['2025-03-13T11:00:00.000Z', 'Lunch', '2025-03-13T12:00:00.000Z', 'CANCELLED'],
      ['2025-03-15T00:00:00.000Z', 'Trip', '2025-03-17T00:00:00.000Z', 'CANCELLED'],
      ['2025-03-17T08:30:00.000Z', 'Daily', '2025-03-17T09:00:00.000Z', null],
      ['2025-03-31T09:00:00.000Z', 'Daily (moved)', '2025-03-31T09:30:00.000Z', null],
      ['2025-04-07T07:30:00.000Z', 'Daily', '2025-04-07T08:00:00.000Z', null],
    ];
    const { eventually } = await import('./harness.ts');
    await eventually(async () => {
      const events = await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields);
      return JSON.stringify(summary(events)) === JSON.stringify(expected) ? events : undefined;
    }, 'the changes applied to the same events');
    assert.equal(await target.rowCount('calendar_event'), expectedOccurrences.length, 'one row per occurrence, the moved review no longer at its old time');
  });

  it('an import interrupted after an acknowledged batch resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'ics-resume');
    const path = join(work, 'resume.ics');
    writeFileSync(path, icsDocument(calendarObjects({ label: target.deviceId })));
    await assert.rejects(target.run(icsImporter([path], settings), { client: clientLostAfter(target.client, 0), batchSize: 1 }), /connection lost/);
    const resumed = await target.run(icsImporter([path], settings), { batchSize: 1 });
    assert.equal(resumed.sent, expectedOccurrences.length, 'the calendar is read again: its cursor is saved once the whole calendar is sent');
    assert.deepEqual(summary(await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields)), firstVersion);
    assert.equal(await target.rowCount('calendar_event'), expectedOccurrences.length);
    assert.equal((await target.run(icsImporter([path], settings))).sent, 0);
  });

  it('names a calendar URL that cannot be reached, and one that answers an error', async () => {
    const target = await importTarget(lifestream(), 'ics-unreachable');
    const closed = await freePort();
    await assert.rejects(
      target.run(icsImporter([`http://127.0.0.1:${closed}/work.ics`], settings)),
      (error: Error) => error.message === `calendar http://127.0.0.1:${closed}/work.ics could not be fetched` && error.cause instanceof Error,
    );
    const missing = createServer((_, res) => res.writeHead(404).end()).listen(0, '127.0.0.1');
    await once(missing, 'listening');
    try {
      const url = `http://127.0.0.1:${(missing.address() as AddressInfo).port}/work.ics`;
      await assert.rejects(target.run(icsImporter([url], settings)), new RegExp(`^Error: calendar ${url.replaceAll('.', '\\.')} answered HTTP 404`));
    } finally {
      missing.close();
    }
  });

  describe("CalDAV against the stack's Radicale", () => {
    const serverUrl = stackEnv().LIFESTREAM_STACK_CALDAV_URL ?? 'http://missing/';

    async function calendarWith(user: string, objects: readonly (readonly string[])[]) {
      const client = new DAVClient({ serverUrl, credentials: { username: user, password: 'any' }, authMethod: 'Basic', defaultAccountType: 'caldav' });
      await client.login();
      const url = new URL(`/${user}/work/`, serverUrl).href;
      await client.makeCalendar({ url, props: { displayname: 'Work' } });
      const [calendar] = await client.fetchCalendars();
      for (const [i, object] of objects.entries()) {
        await client.createCalendarObject({ calendar: calendar!, filename: `${i}.ics`, iCalString: icsDocument([object]) });
      }
      return { client, calendar: calendar! };
    }

    it('syncs a calendar, reads it again only when it changed, and applies changes and deletions', async () => {
      const target = await importTarget(lifestream(), 'caldav');
      const user = target.deviceId;
      const objects = calendarObjects({ label: user });
      const { client, calendar } = await calendarWith(user, [...objects, runawayObject(user)]);
      const account = { serverUrl, user, auth: { password: 'any' }, calendars: [] };

      const first = await target.run(caldavImporter(account, settings));
      assert.equal(first.sent, expectedOccurrences.length);
      assert.deepEqual(first.skipped.map((s) => s.reason), ['its rule gives more than 20000 occurrences before 2026-01-01T00:00:00.000Z; narrow the window (--until)']);
      assert.match(first.skipped[0]!.where, /\/work\/5\.ics: event runaway-/);
      const events = await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields);
      assert.deepEqual(summary(events), firstVersion);
      assert.deepEqual(new Set(events.map((e) => e.calendarName)), new Set(['Work']));

      assert.equal((await target.run(caldavImporter(account, settings))).sent, 0, 'an unchanged ctag: nothing read, nothing sent');

      const stored = await client.fetchCalendarObjects({ calendar });
      const review = stored.find((o) => String(o.data).includes('UID:review-'))!;
      const lunch = stored.find((o) => String(o.data).includes('UID:lunch-'))!;
      const moved = calendarObjects({ label: user, reviewStart: '20250312T170000Z' })[2]!;
      await client.updateCalendarObject({ calendarObject: { ...review, data: icsDocument([moved]) } });
      await client.deleteCalendarObject({ calendarObject: lunch });

      const update = await target.run(caldavImporter(account, settings));
      assert.equal(update.sent, 2, 'the moved review and the deleted lunch');
      const { eventually } = await import('./harness.ts');
      const after = await eventually(async () => {
        const now = await target.timeline('CALENDAR_EVENT', expectedOccurrences.length, calendarFields);
        return now.some((e) => e.title === 'Lunch' && e.status === 'CANCELLED') && now.some((e) => e.time === '2025-03-12T17:00:00.000Z') ? now : undefined;
      }, 'the review moved and the lunch cancelled');
      assert.equal(after.filter((e) => e.title === 'Review').length, 1);
      assert.equal(await target.rowCount('calendar_event'), expectedOccurrences.length);
    });

    it('names a calendar that does not exist, and a refused login', async () => {
      const target = await importTarget(lifestream(), 'caldav-errors');
      await calendarWith(target.deviceId, []);
      await assert.rejects(
        target.run(caldavImporter({ serverUrl, user: target.deviceId, auth: { password: 'any' }, calendars: ['Holidays'] }, settings)),
        /CalDAV calendar "Holidays" not found at http:\/\/127\.0\.0\.1:\d+\/; calendars there: Work/,
      );
      await assert.rejects(
        target.run(caldavImporter({ serverUrl: new URL('/nothing-here/', serverUrl).href.replace(/:\d+\//, ':1/'), user: target.deviceId, auth: { password: 'any' }, calendars: [] }, settings)),
        /CalDAV login to http:\/\/127\.0\.0\.1:1\/nothing-here\/ as caldav-errors-\w+ failed; check the address, the user and the password or token/,
      );
    });
  });
});
