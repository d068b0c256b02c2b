// Reading the timeline across kinds: one UNION ALL over the kinds' tables, each branch ordered and
// limited on their key (time, id, device_id) so PostgreSQL merges index scans instead of sorting everything.
import { catalogue, kindNamed } from '../schema/catalogue.ts';
import { eventOfRow, timelineRowOf, type TimelineRow } from '../schema/event-codec.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { eventConditions, rangeParams, type EventFilter } from './timeline-where.ts';

/** Where the previous page ended: the last row's (time in µs, id, device); no device in cursors made before rows were keyed by it. */
export interface TimelinePosition {
  timeUs: bigint;
  id: string;
  deviceId?: string;
}

export interface TimelineFilter extends EventFilter {
  after?: TimelinePosition;
  limit: number;
}

/** A row of a timeline query: its kind's name and the table row as JSON. */
export interface StoredRow {
  kind: string;
  row: Record<string, unknown>;
}

export function toTimelineRow(stored: StoredRow): TimelineRow {
  const kind = kindNamed(stored.kind);
  if (!kind) throw new Error(`unknown kind ${stored.kind} in timeline row`);
  return timelineRowOf(eventOfRow(kind, stored.row));
}

/** The kind's rows from `rows` (aliased t) as the codec reads them. */
const selectRow = (kind: EventKindDefinition, rows = tableName(kind)) => `SELECT '${kind.name}' AS kind, t.time, t.id, t.device_id, to_jsonb(t) AS row FROM ${rows} t`;

/** The SQL and its parameters for up to `limit` events in (time, id, device) order within [from, to), after the given position. */
export function timelineQuery(filter: TimelineFilter): { sql: string; params: unknown[] } {
  const params = rangeParams(filter, filter.limit);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  if (kinds.length === 0) return { sql: '', params };
  const after: string[] = [];
  if (filter.after) {
    // '' sorts before every device: an old cursor resumes with every device's event at its (time, id).
    params.push(filter.after.timeUs.toString(), filter.after.id, filter.after.deviceId ?? '');
    const [us, id, device] = [params.length - 2, params.length - 1, params.length];
    after.push(`(t.time, t.id, t.device_id) > ('epoch'::timestamptz + $${us}::bigint * interval '1 microsecond', $${id}::text, $${device}::text)`);
  }
  // Each branch limits its rows before turning them into JSON: where the planner sorts a range
  // instead of walking the key's index (a table written since its last ANALYZE looks empty to it),
  // it then sorts plain rows and encodes only the page, not every row of the range.
  const order = 't.time, t.id, t.device_id';
  const branches = kinds.map(
    (kind) => `(${selectRow(kind, `(SELECT * FROM ${tableName(kind)} t WHERE ${[...conditionsOf(kind), ...after].join(' AND ')} ORDER BY ${order} LIMIT $3)`)} ORDER BY ${order})`,
  );
  return { sql: `SELECT kind, row FROM (${branches.join(' UNION ALL ')}) AS events ORDER BY time, id, device_id LIMIT $3`, params };
}

/** Up to `limit` events in (time, id, device) order within [from, to), after the given position. */
export async function queryTimeline(store: Store, filter: TimelineFilter, bounds: StatementBounds): Promise<TimelineRow[]> {
  const { sql, params } = timelineQuery(filter);
  if (!sql) return [];
  return (await store.query<StoredRow>(sql, params, bounds)).map(toTimelineRow);
}

/** An event asked for by id: in its kind's table when the caller knows the kind, else in every kind's. */
export interface EventLookup {
  id: string;
  /** Ids are per device: the device that sent it, when the caller knows. */
  deviceId?: string;
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
