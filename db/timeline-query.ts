// Reading the timeline across kinds: one UNION ALL over the kinds' tables, each branch ordered and
// limited on (time, id) so PostgreSQL merges index scans instead of sorting everything.
import { catalogue, kindNamed } from '../schema/catalogue.ts';
import { eventOfRow, timelineRowOf, type TimelineRow } from '../schema/event-codec.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { eventConditions, rangeParams, type EventFilter } from './timeline-where.ts';

/** Where the previous page ended: the last row's (time in µs, id). */
export interface TimelinePosition {
  timeUs: bigint;
  id: string;
}

export interface TimelineFilter extends EventFilter {
  after?: TimelinePosition;
  limit: number;
}

interface StoredRow {
  kind: string;
  time_us: string;
  row: Record<string, unknown>;
}

function toTimelineRow(stored: StoredRow): TimelineRow {
  const kind = kindNamed(stored.kind);
  if (!kind) throw new Error(`unknown kind ${stored.kind} in timeline row`);
  return timelineRowOf(eventOfRow(kind, stored.row), BigInt(stored.time_us));
}

const selectRow = (kind: EventKindDefinition) =>
  `SELECT '${kind.name}' AS kind, (extract(epoch FROM t.time) * 1000000)::bigint::text AS time_us, t.time, t.id, to_jsonb(t) AS row FROM ${tableName(kind)} t`;

/** Up to `limit` events in (time, id) order within [from, to), after the given position. */
export async function queryTimeline(store: Store, filter: TimelineFilter, bounds: StatementBounds): Promise<TimelineRow[]> {
  const params = rangeParams(filter, filter.limit);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  if (kinds.length === 0) return [];
  const after: string[] = [];
  if (filter.after) {
    params.push(filter.after.timeUs.toString(), filter.after.id);
    const [us, id] = [params.length - 1, params.length];
    after.push(`(t.time, t.id) > ('epoch'::timestamptz + $${us}::bigint * interval '1 microsecond', $${id}::text)`);
  }
  const branches = kinds.map((kind) => `(${selectRow(kind)} WHERE ${[...conditionsOf(kind), ...after].join(' AND ')} ORDER BY t.time, t.id LIMIT $3)`);
  const sql = `SELECT kind, time_us, row FROM (${branches.join(' UNION ALL ')}) AS events ORDER BY time, id LIMIT $3`;
  return (await store.query<StoredRow>(sql, params, bounds)).map(toTimelineRow);
}

/** An event asked for by id: in its kind's table when the caller knows the kind, else in every kind's. */
export interface EventLookup {
  id: string;
  kind?: EventKindDefinition;
}

/** The events asked for (event(id) and its DataLoader batches): one query, a branch only for each kind asked of. */
export async function queryEventsByIds(store: Store, lookups: readonly EventLookup[], bounds: StatementBounds): Promise<TimelineRow[]> {
  const params: string[] = [];
  const branches = catalogue.flatMap((kind) => {
    const ids = lookups.filter((lookup) => lookup.kind === undefined || lookup.kind === kind).map((lookup) => lookup.id);
    if (ids.length === 0) return [];
    params.push(JSON.stringify(ids));
    return [`(${selectRow(kind)} WHERE t.id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb)))`];
  });
  if (branches.length === 0) return [];
  return (await store.query<StoredRow>(branches.join(' UNION ALL '), params, bounds)).map(toTimelineRow);
}
