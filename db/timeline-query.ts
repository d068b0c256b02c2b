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

interface StoredRow {
  kind: string;
  row: Record<string, unknown>;
}

function toTimelineRow(stored: StoredRow): TimelineRow {
  const kind = kindNamed(stored.kind);
  if (!kind) throw new Error(`unknown kind ${stored.kind} in timeline row`);
  return timelineRowOf(eventOfRow(kind, stored.row));
}

const selectRow = (kind: EventKindDefinition) => `SELECT '${kind.name}' AS kind, t.time, t.id, t.device_id, to_jsonb(t) AS row FROM ${tableName(kind)} t`;

/** Up to `limit` events in (time, id, device) order within [from, to), after the given position. */
export async function queryTimeline(store: Store, filter: TimelineFilter, bounds: StatementBounds): Promise<TimelineRow[]> {
  const params = rangeParams(filter, filter.limit);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  if (kinds.length === 0) return [];
  const after: string[] = [];
  if (filter.after) {
    // '' sorts before every device: an old cursor resumes with every device's event at its (time, id).
    params.push(filter.after.timeUs.toString(), filter.after.id, filter.after.deviceId ?? '');
    const [us, id, device] = [params.length - 2, params.length - 1, params.length];
    after.push(`(t.time, t.id, t.device_id) > ('epoch'::timestamptz + $${us}::bigint * interval '1 microsecond', $${id}::text, $${device}::text)`);
  }
  const branches = kinds.map((kind) => `(${selectRow(kind)} WHERE ${[...conditionsOf(kind), ...after].join(' AND ')} ORDER BY t.time, t.id, t.device_id LIMIT $3)`);
  const sql = `SELECT kind, row FROM (${branches.join(' UNION ALL ')}) AS events ORDER BY time, id, device_id LIMIT $3`;
  return (await store.query<StoredRow>(sql, params, bounds)).map(toTimelineRow);
}

/** The events with these ids, of any kind (for event(id) and DataLoader batches). */
export async function queryEventsByIds(store: Store, ids: readonly string[], bounds: StatementBounds): Promise<TimelineRow[]> {
  if (ids.length === 0) return [];
  const branches = catalogue.map(
    (kind) => `(${selectRow(kind)} WHERE t.id IN (SELECT jsonb_array_elements_text($1::jsonb)))`,
  );
  return (await store.query<StoredRow>(branches.join(' UNION ALL '), [JSON.stringify(ids)], bounds)).map(toTimelineRow);
}
