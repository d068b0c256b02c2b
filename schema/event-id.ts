// An event without a client id gets one derived from its content, so a device that re-sends the
// same reading after a timeout produces the same id and the row is not duplicated.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** A UUID-shaped sha256 of kind, device, time and payload. */
export function deriveEventId(kind: string, deviceId: string, time: Date, payload: object): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([kind, deviceId, time.toISOString(), canonical(payload)]))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
