// An event without a client id gets one derived from its content, so a device that re-sends the
// same reading after a timeout produces the same id and the row is not duplicated.
import { createHash } from 'node:crypto';

/**
 * The content as JSON with object keys sorted and null or undefined members left out, Dates as
 * ISO-8601: the same for the same content however it was built. Written directly rather than as a
 * sorted copy handed to JSON.stringify: ingest derives one per event, and the copies were most of it.
 */
function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member: unknown = Reflect.get(value, key);
      if (member !== undefined && member !== null) members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A UUID-shaped sha256 of kind, device, time and payload. */
export function deriveEventId(kind: string, deviceId: string, time: Date, payload: object): string {
  const hex = createHash('sha256')
    .update(`[${JSON.stringify(kind)},${JSON.stringify(deviceId)},"${time.toISOString()}",${canonicalJson(payload)}]`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
