// Keyset cursors: an opaque base64url of the (time in µs, id) the page ended at. Exact to the
// microsecond, so events sharing a timestamp are neither skipped nor repeated across pages.
import type { TimelinePosition } from '../../db/timeline-query.ts';

export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(`${position.timeUs}:${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(-?\d{1,19}):(.+)$/s.exec(text);
  if (!match) return undefined;
  return { timeUs: BigInt(match[1]!), id: match[2]! };
}
