// Keyset cursors: an opaque base64url of the (time in µs, id, device) the page ended at. Exact to
// the microsecond and total, so events sharing a timestamp (or an id, on two devices) are neither
// skipped nor repeated across pages. Cursors without a device (memos; timeline cursors made before
// events were keyed per device) are `<µs>:<id>`. In relevance order a cursor leads with the score.
import { z } from 'zod';
import type { RelevancePosition } from '../../db/timeline-relevance.ts';
import type { TimelinePosition } from '../../db/timeline-query.ts';
import { textProblem } from '../../schema/storable-text.ts';

// No text PostgreSQL cannot compare (a NUL): a cursor made of one is none this API returned.
const storable = z.string().refine((text) => textProblem(text) === undefined);
const timeUsText = z.string().regex(/^-?\d{1,19}$/);
const positionJson = z.tuple([timeUsText, storable, storable]);
// The score as a JSON number: JavaScript writes a float4's value in digits that read back as it.
const relevancePositionJson = z.tuple([z.number().finite().nonnegative(), timeUsText, storable, storable]);

export function encodeCursor(position: TimelinePosition): string {
  const text = position.deviceId === undefined ? `${position.timeUs}:${position.id}` : JSON.stringify([position.timeUs.toString(), position.id, position.deviceId]);
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (text.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const position = positionJson.safeParse(json);
    if (!position.success) return undefined;
    const [timeUs, id, deviceId] = position.data;
    return { timeUs: BigInt(timeUs), id, deviceId };
  }
  const match = /^(-?\d{1,19}):(.+)$/s.exec(text);
  if (!match || textProblem(match[2]!)) return undefined;
  return { timeUs: BigInt(match[1]!), id: match[2]! };
}

export function encodeRelevanceCursor(position: RelevancePosition): string {
  return Buffer.from(JSON.stringify([position.relevance, position.timeUs.toString(), position.id, position.deviceId]), 'utf8').toString('base64url');
}

/** The position of a cursor encodeRelevanceCursor made; undefined for any other, time-order cursors included. */
export function decodeRelevanceCursor(cursor: string): RelevancePosition | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const position = relevancePositionJson.safeParse(json);
  if (!position.success) return undefined;
  const [relevance, timeUs, id, deviceId] = position.data;
  return { relevance, timeUs: BigInt(timeUs), id, deviceId };
}
