// Reading the timeline across kinds: one UNION ALL over the kinds' tables, each branch ordered and
// limited on (time, id) so PostgreSQL merges index scans instead of sorting everything.
import { catalogue, kindNamed } from '../schema/catalogue.ts';
import type { Envelope } from '../schema/envelope.ts';
import type { EventKindDefinition, Payload } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { containsPattern, searchableKinds, textMatch } from './timeline-text.ts';

export interface TimelineRow {
  kind: EventKindDefinition;
  id: string;
  deviceId: string;
  time: Date;
  receivedAt: Date;
  /** Microseconds since the epoch: PostgreSQL's own precision, exact in cursors. */
  timeUs: bigint;
  payload: Payload;
}

/** Where the previous page ended: the last row's (time in µs, id). */
export interface TimelinePosition {
  timeUs: bigint;
  id: string;
}

export interface TimelineFilter {
  from: Date;
  to: Date;
  kinds: readonly EventKindDefinition[];
  deviceIds?: readonly string[];
  after?: TimelinePosition;
  /** Only events whose catalogue text fields contain this (case-insensitive). */
  text?: string;
  limit: number;
}

interface RawRow {
  kind: string;
  time_us: string;
  row: Record<string, unknown>;
}

function toTimelineRow(raw: RawRow): TimelineRow {
  const kind = kindNamed(raw.kind);
  if (!kind) throw new Error(`unknown kind ${raw.kind} in timeline row`);
  const payload: Payload = {};
  for (const [name, f] of Object.entries(kind.fields)) {
    const value = raw.row[snakeCase(name)];
    if (value === null || value === undefined) continue;
    payload[name] = f.type === 'timestamp' ? new Date(value as string) : value;
  }
  return {
    kind,
    id: raw.row.id as string,
    deviceId: raw.row.device_id as string,
    time: new Date(raw.row.time as string),
    receivedAt: new Date(raw.row.received_at as string),
    timeUs: BigInt(raw.time_us),
    payload,
  };
}

/** Microseconds since the epoch of an ISO-8601 time, exact to its last digit (Date stops at ms). */
export function isoToMicros(iso: string): bigint {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  const wholeSeconds = Math.floor(Date.parse(iso.replace(/\.\d+/, '')) / 1000);
  return BigInt(wholeSeconds) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
}

/** The timeline row of an envelope as stored, for live delivery without a query. */
export function timelineRowOfEnvelope(envelope: Envelope): TimelineRow {
  const kind = kindNamed(envelope.kind);
  if (!kind) throw new Error(`unknown kind ${envelope.kind}`);
  const payload: Payload = {};
  for (const [name, f] of Object.entries(kind.fields)) {
    const value = envelope.payload[name];
    if (value === null || value === undefined) continue;
    payload[name] = f.type === 'timestamp' ? new Date(value as string) : value;
  }
  return {
    kind,
    id: envelope.id,
    deviceId: envelope.deviceId,
    time: new Date(envelope.time),
    receivedAt: new Date(envelope.receivedAt),
    timeUs: isoToMicros(envelope.time),
    payload,
  };
}

const selectRow = (kind: EventKindDefinition) =>
  `SELECT '${kind.name}' AS kind, (extract(epoch FROM t.time) * 1000000)::bigint::text AS time_us, t.time, t.id, to_jsonb(t) AS row FROM ${tableName(kind)} t`;

/** Up to `limit` events in (time, id) order within [from, to), after the given position. */
export async function queryTimeline(store: Store, filter: TimelineFilter, bounds: StatementBounds): Promise<TimelineRow[]> {
  const kinds = filter.text === undefined ? filter.kinds : searchableKinds(filter.kinds);
  if (kinds.length === 0) return [];
  const params: unknown[] = [filter.from.toISOString(), filter.to.toISOString(), filter.limit];
  const conditions = ['t.time >= $1::timestamptz', 't.time < $2::timestamptz'];
  if (filter.deviceIds) {
    params.push(JSON.stringify(filter.deviceIds));
    conditions.push(`t.device_id IN (SELECT jsonb_array_elements_text($${params.length}::jsonb))`);
  }
  if (filter.after) {
    params.push(filter.after.timeUs.toString(), filter.after.id);
    const [us, id] = [params.length - 1, params.length];
    conditions.push(`(t.time, t.id) > ('epoch'::timestamptz + $${us}::bigint * interval '1 microsecond', $${id}::text)`);
  }
  let patternParam: string | undefined;
  if (filter.text !== undefined) {
    params.push(containsPattern(filter.text));
    patternParam = `$${params.length}`;
  }
  const branches = kinds.map((kind) => {
    const where = patternParam ? [...conditions, textMatch(kind, patternParam)] : conditions;
    return `(${selectRow(kind)} WHERE ${where.join(' AND ')} ORDER BY t.time, t.id LIMIT $3)`;
  });
  const sql = `SELECT kind, time_us, row FROM (${branches.join(' UNION ALL ')}) AS events ORDER BY time, id LIMIT $3`;
  return (await store.query<RawRow>(sql, params, bounds)).map(toTimelineRow);
}

/** The events with these ids, of any kind (for event(id) and DataLoader batches). */
export async function queryEventsByIds(store: Store, ids: readonly string[], bounds: StatementBounds): Promise<TimelineRow[]> {
  if (ids.length === 0) return [];
  const branches = catalogue.map(
    (kind) => `(${selectRow(kind)} WHERE t.id IN (SELECT jsonb_array_elements_text($1::jsonb)))`,
  );
  return (await store.query<RawRow>(branches.join(' UNION ALL '), [JSON.stringify(ids)], bounds)).map(toTimelineRow);
}
