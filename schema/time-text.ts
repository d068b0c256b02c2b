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
  const match = dateTime.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [sign, offsetHours = 0, offsetMinutes = 0] = [match[8], Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const milliseconds = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, milliseconds);
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return withMicroseconds(local.getTime() - offsetMs, microsecondsOfFraction(match[7] ?? ''));
}

/** Why a value is not a time, in the words every path answers with. */
export const notATime = (value: unknown) => `must be an ISO-8601 time with offset (RFC 3339) such as 2026-06-01T09:30:00+02:00, got ${JSON.stringify(value)}`;
