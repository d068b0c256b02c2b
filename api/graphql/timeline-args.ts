// The arguments timeline, timelineBuckets and Memo.context share (from, to, kinds, deviceIds, text),
// checked and turned into the filter the timeline queries take, in one place.
import { kindsNamed } from '../../schema/catalogue.ts';
import { epochMicroseconds } from '../../schema/microsecond-time.ts';
import type { EventFilter } from '../../db/timeline-where.ts';
import { userError } from './errors.ts';

export interface EventFilterArgs {
  from: Date;
  to: Date;
  /** EventKind enum values resolve to kind names; absent means every kind, empty is refused. */
  kinds?: readonly string[] | null;
  deviceIds?: readonly (string | number)[] | null;
  text?: string | null;
}

/** A from–to range must be non-empty, or nothing could be in it. */
export function checkRange(from: Date, to: Date): void {
  if (epochMicroseconds(from) >= epochMicroseconds(to)) throw userError('BAD_USER_INPUT', 'from must be before to');
}

/** An empty list would select no kind, which no one means: they meant every kind, or forgot to name one. */
export function checkKinds(kinds: readonly string[] | null | undefined): void {
  if (kinds?.length === 0) throw userError('BAD_USER_INPUT', 'kinds: [] selects no kind, so nothing: leave kinds out for every kind, or name at least one');
}

export function eventFilterOf(args: EventFilterArgs): EventFilter {
  checkRange(args.from, args.to);
  checkKinds(args.kinds);
  return {
    from: args.from,
    to: args.to,
    kinds: kindsNamed(args.kinds),
    deviceIds: args.deviceIds?.map(String),
    text: args.text?.trim() || undefined,
  };
}
