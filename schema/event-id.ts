// An event without a client id gets one derived from its content, so a device that re-sends the
// same reading after a timeout produces the same id and the row is not duplicated.
import { hash } from 'node:crypto';
import { isoText } from './microsecond-time.ts';

/**
 * The content as JSON with object keys sorted and null or undefined members left out, Dates as
 * ISO-8601: the same for the same content however it was built. Written directly rather than as a
 * sorted copy handed to JSON.stringify: ingest derives one per event, and the copies were most of it.
 */
function canonicalJson(value: unknown): string {
  // ToString is what JSON.stringify writes of a finite number, without its call per value.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `"${isoText(value)}"`;
  if (Array.isArray(value)) {
    let items = '';
    for (let i = 0; i < value.length; i++) items += `${i === 0 ? '' : ','}${value[i] === undefined ? 'null' : canonicalJson(value[i])}`;
    return `[${items}]`;
  }
  if (value !== null && typeof value === 'object') {
    let members = '';
    for (const key of Object.keys(value).sort()) {
      const member: unknown = Reflect.get(value, key);
      if (member !== undefined && member !== null) members += `${members === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
    }
    return `{${members}}`;
  }
  return JSON.stringify(value);
}

let lastKind = '';
let lastDeviceId = '';
let lastPrefix = '';

/** The hashed text up to the time: the events of a batch mostly share kind and device, so the last one's is kept. */
function prefixOf(kind: string, deviceId: string): string {
  if (kind !== lastKind || deviceId !== lastDeviceId) [lastKind, lastDeviceId, lastPrefix] = [kind, deviceId, `[${JSON.stringify(kind)},${JSON.stringify(deviceId)},"`];
  return lastPrefix;
}

/** A UUID-shaped sha256 of kind, device, time and payload. */
export function deriveEventId(kind: string, deviceId: string, time: Date, payload: object): string {
  // The one-shot hash: a Hash object per event cost 1 µs more than the digest itself.
  const hex = hash('sha256', `${prefixOf(kind, deviceId)}${isoText(time)}",${canonicalJson(payload)}]`, 'hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
