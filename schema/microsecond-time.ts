// Times exact to the microsecond, as PostgreSQL's timestamptz keeps them. A JavaScript Date holds
// milliseconds; a MicrosecondTime is a Date that also carries the microseconds below its millisecond
// and writes them in its ISO-8601 text (toISOString, and so toJSON, drizzle and the wire), so events
// that differ only below the millisecond stay apart from input to row and back.
export class MicrosecondTime extends Date {
  /** The microseconds past getTime()'s millisecond, 0–999. */
  readonly microseconds: number;

  constructor(epochMs: number, microseconds: number) {
    super(epochMs);
    if (!Number.isInteger(microseconds) || microseconds < 0 || microseconds > 999) throw new RangeError(`microseconds must be 0–999, got ${microseconds}`);
    this.microseconds = microseconds;
  }

  /** Six fraction digits when there are microseconds, else exactly Date's text (ids derived from it stay stable). */
  override toISOString(): string {
    const text = super.toISOString();
    return this.microseconds === 0 ? text : `${text.slice(0, -1)}${String(this.microseconds).padStart(3, '0')}Z`;
  }
}

/** Microseconds since the epoch: a Date's milliseconds plus a MicrosecondTime's microseconds. */
export const epochMicroseconds = (time: Date): bigint => BigInt(time.getTime()) * 1000n + BigInt(time instanceof MicrosecondTime ? time.microseconds : 0);

/** A Date, or a MicrosecondTime when there are microseconds past the millisecond. */
export const withMicroseconds = (epochMs: number, microseconds: number): Date => (microseconds === 0 ? new Date(epochMs) : new MicrosecondTime(epochMs, microseconds));

/** The fraction digits past the millisecond (up to three; finer ones dropped) as microseconds. */
/** The time this many microseconds after the epoch (PostgreSQL's precision), inverse of epochMicroseconds. */
export function timeOfEpochMicroseconds(us: bigint): Date {
  const ms = us / 1000n - (us % 1000n < 0n ? 1n : 0n);
  return withMicroseconds(Number(ms), Number(us - ms * 1000n));
}

export const microsecondsOfFraction = (fraction: string): number => Number(fraction.slice(3, 6).padEnd(3, '0'));

/**
 * A time Lifestream wrote itself (the wire, PostgreSQL's to_jsonb: `2026-06-01T09:00:00.123456+00:00`),
 * trusted to be well-formed ISO-8601; microseconds kept.
 */
export function timeOfStoredText(text: string): Date {
  // toISOString's own form (milliseconds, UTC), which most stored times have: no microseconds to find.
  if (text.length === 24 && text[19] === '.' && text[23] === 'Z') return new Date(text);
  const fraction = /[Tt ]\d{2}:\d{2}:\d{2}\.(\d+)/.exec(text)?.[1] ?? '';
  return withMicroseconds(new Date(text).getTime(), microsecondsOfFraction(fraction));
}
