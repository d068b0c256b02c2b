// An iCalendar document (RFC 5545) as calendarEvent occurrences within a window, with ical.js:
// recurring events expanded by their RRULE/RDATE less EXDATE, an exception (RECURRENCE-ID) in
// place of the occurrence it changes, times placed by the document's VTIMEZONEs or else by the
// IANA zone its TZID names (ical.js finds a TZID's VTIMEZONE in the document itself). Each occurrence's id comes from its UID and original start, so a moved,
// renamed or cancelled occurrence replaces the one imported before.
import ICAL from 'ical.js';
import { importedEvent, importedEventId, type ImportedEvent } from '../imported-event.ts';
import { instantInZone, isIanaZone } from './wall-clock.ts';

export interface Window {
  from: Date;
  until: Date;
}

export interface Occurrences {
  events: ImportedEvent<'calendarEvent'>[];
  skipped: { where: string; reason: string }[];
}

/** A daily rule over decades stays below this; more is a rule gone wrong (and ical.js takes about 50 µs an occurrence). */
const maxOccurrencesPerEvent = 20_000;
const statuses = ['CONFIRMED', 'TENTATIVE', 'CANCELLED'] as const;

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/**
 * A date (all-day) is its day at 00:00 UTC; a time in a zone the document defines or UTC is
 * exact; a TZID with no VTIMEZONE goes by the IANA zone of that name; a floating time by `zone`.
 */
function instantOf(time: ICAL.Time, zone: string): Date {
  if (time.isDate) return new Date(Date.UTC(time.year, time.month - 1, time.day));
  const zoneKnown = time.zone !== undefined && time.zone !== null && time.zone !== ICAL.Timezone.localTimezone && time.zone.tzid !== 'floating';
  return zoneKnown ? time.toJSDate() : instantInZone(zone, time);
}

/** The zone a floating-looking time of this property is in: its TZID when Intl knows it, else the fallback. */
function zoneOf(item: ICAL.Event, property: 'dtstart' | 'dtend', fallback: string): string {
  const tzid = item.component.getFirstProperty(property)?.getParameter('tzid');
  return typeof tzid === 'string' && isIanaZone(tzid) ? tzid : fallback;
}

const textOf = (event: ICAL.Event, name: string): string | undefined => {
  const value = event.component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

function attendeesOf(event: ICAL.Event): string[] {
  return event.component
    .getAllProperties('attendee')
    .map((p) => p.getFirstValue())
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/^mailto:/i, ''))
    .slice(0, 500)
    .map((v) => clip(v, 320));
}

export function calendarOccurrences(text: string, where: string, options: { window: Window; calendarName?: string; zone: string }): Occurrences {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { events: [], skipped: [{ where, reason: `not an iCalendar document: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const result: Occurrences = { events: [], skipped: [] };
  const masters = new Map<string, ICAL.Component>();
  const exceptions = new Map<string, ICAL.Component[]>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid === '') {
      result.skipped.push({ where: `${where}: event "${String(vevent.getFirstPropertyValue('summary') ?? '')}"`, reason: 'it has no UID' });
      continue;
    }
    if (vevent.hasProperty('recurrence-id')) exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent]);
    else masters.set(uid, vevent);
  }
  for (const [uid, master] of masters) {
    try {
      result.events.push(...expand(uid, master, exceptions.get(uid) ?? [], options));
    } catch (error) {
      result.skipped.push({ where: `${where}: event ${uid}`, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  for (const uid of exceptions.keys()) {
    if (!masters.has(uid)) result.skipped.push({ where: `${where}: event ${uid}`, reason: 'it changes occurrences of an event the document does not hold (RECURRENCE-ID without its series)' });
  }
  return result;
}

/** The event's occurrences in the window; throws (and gives none) when one cannot be placed. */
function expand(uid: string, master: ICAL.Component, exceptions: readonly ICAL.Component[], options: { window: Window; calendarName?: string; zone: string }): ImportedEvent<'calendarEvent'>[] {
  const events: ImportedEvent<'calendarEvent'>[] = [];
  if (!master.hasProperty('dtstart')) throw new Error('it has no DTSTART');
  const event = new ICAL.Event(master);
  for (const exception of exceptions) event.relateException(exception);
  const occurrence = (item: ICAL.Event, start: ICAL.Time, end: ICAL.Time, recurrenceId: Date | undefined) => {
    const time = instantOf(start, zoneOf(item, 'dtstart', options.zone));
    if (Number.isNaN(time.getTime())) throw new Error(`its start "${start.toString()}" is not a time`);
    const endTime = end ? instantOf(end, zoneOf(item, item.component.hasProperty('dtend') ? 'dtend' : 'dtstart', options.zone)) : time;
    const status = textOf(item, 'status')?.toUpperCase();
    const location = textOf(item, 'location');
    const attendees = attendeesOf(item);
    const id = recurrenceId ? importedEventId('calendar', uid, recurrenceId.toISOString()) : importedEventId('calendar', uid);
    events.push(
      importedEvent('calendarEvent', id, time, {
        calendarEventId: clip(uid, 1_024),
        title: clip(textOf(item, 'summary') ?? '(no title)', 1_024),
        endTime: endTime < time ? time : endTime,
        allDay: start.isDate,
        ...(location ? { location: clip(location, 1_024) } : {}),
        ...(attendees.length > 0 ? { attendees } : {}),
        ...(statuses.find((s) => s === status) ? { status: statuses.find((s) => s === status) } : {}),
        ...(options.calendarName ? { calendarName: clip(options.calendarName, 256) } : {}),
      }),
    );
  };
  if (!event.isRecurring()) {
    occurrence(event, event.startDate, event.endDate, undefined);
    return events;
  }
  const zone = zoneOf(event, 'dtstart', options.zone);
  const iterator = event.iterator();
  for (let count = 0, next = iterator.next(); next; next = iterator.next(), count++) {
    if (count >= maxOccurrencesPerEvent) throw new Error(`its rule gives more than ${maxOccurrencesPerEvent} occurrences before ${options.window.until.toISOString()}; narrow the window (--until)`);
    const details = event.getOccurrenceDetails(next);
    const recurrenceId = instantOf(details.recurrenceId, zone);
    if (recurrenceId >= options.window.until) break;
    if (instantOf(details.endDate, zoneOf(details.item, 'dtstart', options.zone)) < options.window.from) continue;
    occurrence(details.item, details.startDate, details.endDate, recurrenceId);
  }
  return events;
}
