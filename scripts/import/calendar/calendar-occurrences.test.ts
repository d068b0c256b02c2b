import assert from 'node:assert/strict';
import { it } from 'node:test';
import { calendarObjects, expectedOccurrences, icsDocument, malformedObjects, runawayObject } from '../../../test/fixtures/icalendar.ts';
import { calendarOccurrences } from './calendar-occurrences.ts';

const window = { from: new Date('2025-01-01T00:00:00Z'), until: new Date('2026-01-01T00:00:00Z') };
const options = { window, zone: 'UTC', calendarName: 'Work' };
const sorted = <T extends { time: Date }>(events: T[]) => [...events].sort((a, b) => a.time.getTime() - b.time.getTime());

it('expands the series in its zone across summer time, without the EXDATE and with the moved occurrence', () => {
  const { events, skipped } = calendarOccurrences(icsDocument(calendarObjects({ label: 'u' })), 'work.ics', options);
  assert.deepEqual(skipped, []);
  assert.deepEqual(
    sorted(events).map((e) => [e.time.toISOString(), e.payload.title, e.payload.endTime.toISOString()]),
    expectedOccurrences.map((o) => o.slice(0, 3)),
  );
  const standup = sorted(events).find((e) => e.payload.title === 'Standup')!;
  assert.deepEqual(standup.payload, {
    calendarEventId: 'standup-u',
    title: 'Standup',
    endTime: new Date('2025-03-17T09:00:00.000Z'),
    allDay: false,
    location: 'Room 1',
    attendees: ['ann@example.org', 'bob@example.org'],
    calendarName: 'Work',
  });
  assert.equal(sorted(events).find((e) => e.payload.title === 'Trip')!.payload.allDay, true);
});

it('gives an occurrence the same id after it is moved or renamed', () => {
  const before = calendarOccurrences(icsDocument(calendarObjects({ label: 'u' })), 'a.ics', options).events;
  const after = calendarOccurrences(icsDocument(calendarObjects({ label: 'u', standupTitle: 'Daily', reviewStart: '20250312T170000Z' })), 'a.ics', options).events;
  assert.deepEqual(new Set(after.map((e) => e.id)), new Set(before.map((e) => e.id)));
  const review = after.find((e) => e.payload.title === 'Review')!;
  assert.equal(review.id, before.find((e) => e.payload.title === 'Review')!.id);
  assert.equal(review.time.toISOString(), '2025-03-12T17:00:00.000Z');
});

it('expands only within the window', () => {
  const narrow = { ...options, window: { from: new Date('2025-03-20T00:00:00Z'), until: new Date('2025-04-01T00:00:00Z') } };
  const { events } = calendarOccurrences(icsDocument(calendarObjects({ label: 'u' })), 'a.ics', narrow);
  assert.deepEqual(sorted(events).filter((e) => e.payload.calendarEventId === 'standup-u').map((e) => e.payload.title), ['Standup (moved)']);
});

it('skips entries without UID or DTSTART and orphan exceptions, saying which and why, and keeps the rest', () => {
  const { events, skipped } = calendarOccurrences(icsDocument([...calendarObjects({ label: 'u' }), ...malformedObjects('u')]), 'work.ics', options);
  assert.equal(events.length, expectedOccurrences.length);
  assert.deepEqual(skipped, [
    { where: 'work.ics: event "Nobody knows this one"', reason: 'it has no UID' },
    { where: 'work.ics: event undated-u', reason: 'it has no DTSTART' },
    { where: 'work.ics: event orphan-u', reason: 'it changes occurrences of an event the document does not hold (RECURRENCE-ID without its series)' },
  ]);
});

it('reports a document that is not iCalendar', () => {
  assert.match(calendarOccurrences('hello', 'notes.txt', options).skipped[0]!.reason, /^not an iCalendar document: /);
});

it('skips a runaway rule whole, with none of its occurrences, and keeps the other events', () => {
  const { events, skipped } = calendarOccurrences(icsDocument([...calendarObjects({ label: 'u' }), runawayObject('u')]), 'a.ics', options);
  assert.equal(events.length, expectedOccurrences.length);
  assert.deepEqual(skipped.map((s) => s.where), ['a.ics: event runaway-u']);
});
