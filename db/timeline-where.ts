// The WHERE clause timeline and timelineBuckets share: events in [from, to), of some devices, whose
// catalogue text fields contain a text. Statements start with $1 from and $2 to; the rest follow.
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { containsPattern, searchableKinds, textMatch } from './timeline-text.ts';

export interface EventFilter {
  from: Date;
  to: Date;
  kinds: readonly EventKindDefinition[];
  deviceIds?: readonly string[];
  /** Only events whose catalogue text fields contain this (case-insensitive). */
  text?: string;
}

/** A statement's first parameters: $1 from, $2 to, then its own ($3, ...). */
export const rangeParams = (filter: EventFilter, ...own: unknown[]): unknown[] => [filter.from.toISOString(), filter.to.toISOString(), ...own];

/** The condition on t.device_id, if the filter names devices; appends its value to params. */
export function deviceConditions(filter: EventFilter, params: unknown[]): string[] {
  if (!filter.deviceIds) return [];
  params.push(JSON.stringify(filter.deviceIds));
  return [`t.device_id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`];
}

/** The kinds the filter can match, and each one's conditions on table alias t; appends their values to params. */
export function eventConditions(filter: EventFilter, params: unknown[]): { kinds: readonly EventKindDefinition[]; conditionsOf(kind: EventKindDefinition): string[] } {
  const conditions = ['t.time >= $1::timestamptz', 't.time < $2::timestamptz', ...deviceConditions(filter, params)];
  if (filter.text === undefined) return { kinds: filter.kinds, conditionsOf: () => conditions };
  params.push(containsPattern(filter.text));
  const pattern = `$${params.length}`;
  return { kinds: searchableKinds(filter.kinds), conditionsOf: (kind) => [...conditions, textMatch(kind, pattern)] };
}
