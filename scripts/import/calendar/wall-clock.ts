// A wall-clock time in an IANA zone as an instant, for calendars that name a zone (TZID) without
// shipping its VTIMEZONE: Intl knows the zone's rules, daylight saving included.

export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Making a formatter costs far more than using one, and a series has thousands of occurrences.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** How far the zone's clocks are ahead of UTC at this instant, in milliseconds. */
function offsetAt(zone: string, instantMs: number): number {
  const parts = formatterOf(zone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant the zone's clocks show this time: the offset is taken at a first guess and then
 * again at the instant it gives, which settles it. A time skipped by a spring-forward gap comes out
 * an hour later, as calendar programs place it; a repeated autumn hour takes its later pass.
 */
export function instantInZone(zone: string, wall: { year: number; month: number; day: number; hour: number; minute: number; second: number }): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return new Date(asUtc - offsetAt(zone, asUtc - offsetAt(zone, asUtc)));
}
