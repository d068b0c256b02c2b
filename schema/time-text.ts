// Times as clients write them: RFC 3339 date-times with an offset, read by one parser for the DateTime
// scalar and for ingestJson alike, so a time one path takes the other takes too. RFC 3339 (§5.6) lets
// the T and the Z be lower case; a leap second (:60) has no JavaScript Date and is refused. Times keep
// their microseconds (PostgreSQL's precision); finer fractions are dropped.
import { microsecondsOfFraction, withMicroseconds } from './microsecond-time.ts';

const dateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** The instant an RFC 3339 date-time with offset names (fractions past the microsecond dropped), or undefined. */
export function parseTimeText(text: string): Date | undefined {
  // Read field by field rather than through arrays and a scratch Date: every ingested event has a time (1.5 → 0.5 µs).
  const match = dateTime.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])];
  const [offsetHours, offsetMinutes] = match[8] === undefined ? [0, 0] : [Number(match[9]), Number(match[10])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const fraction = match[7] ?? '';
  const milliseconds = fraction === '' ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0'));
  const offsetMs = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return withMicroseconds(utcMs(year, month, day, hour, minute, second, milliseconds) - offsetMs, fraction.length > 3 ? microsecondsOfFraction(fraction) : 0);
}

/** Date.UTC, but with years 0–99 as written: Date.UTC reads them as 1900–1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, milliseconds: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day);
  return time.setUTCHours(hour, minute, second, milliseconds);
}

/** Why a value is not a time, in the words every path answers with. */
export const notATime = (value: unknown) => `must be an ISO-8601 time with offset (RFC 3339) such as 2026-06-01T09:30:00+02:00, got ${JSON.stringify(value)}`;
