// Writing events into their kinds' tables: per kind one INSERT of all its rows, sent as one JSON
// parameter that PostgreSQL unpacks itself (json_populate_recordset), all kinds of one batch in one
// transaction. One parameter however many rows: no SQL built per row, no parameter limit, near
// COPY's speed. An event is identified by (time, id, device_id) (schema/event-codec.ts, eventKey):
// one sent again with the same payload is a no-op, one sent again with another payload is a
// correction and replaces the row (ON CONFLICT DO UPDATE ... WHERE the payload differs), the later in
// bus order winning. An updatable kind's event (a calendar entry) is identified by (id, device_id)
// alone: sent at another time it moves, its row at the old time deleted in the same statement, and
// the time it moved from returned with it, so live subscribers can drop it there. The statement
// answers only with the exceptions (rows not written, rows moved), by their place in the batch: the
// usual batch of new events costs no row sent back and no key built for it.
import { getTableColumns } from 'drizzle-orm';
import { definitionOf, eventKey, rowOf, type AnnouncedEvent } from '../schema/event-codec.ts';
import { timeOfEpochMicroseconds } from '../schema/microsecond-time.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName, tableOf } from './tables.ts';

/** A row of the batch (its place in the kind's array, from 1) that was not written, or that moved. */
interface OutcomeRow {
  n: number;
  written: boolean;
  /** Where an updatable kind's event moved from: the time of the row deleted, in microseconds since the epoch as text (exact where a float would not be). */
  moved_from_us: string | null;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const inserts = new Map<EventKindDefinition, string>();

/**
 * The kind's INSERT, taking its rows (the codec's rowOf) as a JSON array in $1. It answers only with
 * the exceptions, by place in the array: rows not written (re-sent unchanged) and rows that moved.
 * Every other row was written (new, or a correction: received_at and the payload's columns
 * replaced), so a batch of new events, the usual, answers with no row at all.
 */
function insertOf(kind: EventKindDefinition): string {
  let insert = inserts.get(kind);
  if (insert) return insert;
  const table = quoted(tableName(kind));
  const columns = getTableColumns(tableOf(kind));
  const all = Object.values(columns).map((column) => quoted(column.name));
  const payload = Object.keys(kind.fields).map((name) => quoted(columns[name]!.name));
  const replaced = [quoted(columns.receivedAt!.name), ...payload].map((column) => `${column} = excluded.${column}`).join(', ');
  const differs = `(${payload.map((column) => `${table}.${column}`).join(', ')}) IS DISTINCT FROM (${payload.map((column) => `excluded.${column}`).join(', ')})`;
  const sent = `sent AS (SELECT * FROM json_populate_recordset(NULL::${table}, $1::text::json) WITH ORDINALITY AS sent)`;
  // The DELETE and the INSERT see the same snapshot; the rows deleted lie at other times than those inserted.
  const [moved, movedJoin, movedFrom, movedOutcome] = kind.updatable
    ? [
        `moved AS (DELETE FROM ${table} AS stored USING sent WHERE stored."id" = sent."id" AND stored."device_id" = sent."device_id" AND stored."time" <> sent."time" RETURNING stored."id", stored."device_id", stored."time"), `,
        ' LEFT JOIN moved ON moved."id" = sent."id" AND moved."device_id" = sent."device_id"',
        '(extract(epoch FROM moved."time") * 1000000)::bigint::text',
        ' OR moved."id" IS NOT NULL',
      ]
    : ['', '', 'NULL::text', ''];
  insert =
    `WITH ${sent}, ${moved}written AS (INSERT INTO ${table} (${all.join(', ')}) SELECT ${all.join(', ')} FROM sent ` +
    `ON CONFLICT ("time", "id", "device_id") DO UPDATE SET ${replaced} WHERE ${differs} RETURNING "time", "id", "device_id") ` +
    `SELECT sent.ordinality::int AS "n", written."id" IS NOT NULL AS "written", ${movedFrom} AS "moved_from_us" ` +
    `FROM sent LEFT JOIN written ON written."time" = sent."time" AND written."id" = sent."id" AND written."device_id" = sent."device_id"${movedJoin} ` +
    `WHERE written."id" IS NULL${movedOutcome}`;
  inserts.set(kind, insert);
  return insert;
}

/** Whether no two events share an id: then none can be another's copy, and the batch needs no key per event (the usual). */
function distinctIds(events: readonly Event[]): boolean {
  const ids = new Set<string>();
  for (const event of events) ids.add(event.id);
  return ids.size === events.length;
}

/** Each event's last copy in the batch, in the order of those last copies. */
function latestOfEach<E extends Event>(events: readonly E[]): E[] {
  const latest = new Map<string, E>();
  for (const event of events) {
    // Of several versions of an updatable kind's id in one batch, the last one sent stands, whatever its time.
    const key = definitionOf(event).updatable ? `${event.kind}\u0000${event.deviceId}\u0000${event.id}` : eventKey(event);
    latest.delete(key);
    latest.set(key, event);
  }
  return [...latest.values()];
}

/**
 * Stores the events; returns those that changed a row (new, or a correction), a moved one with the
 * time it moved from. An event sent twice in one batch counts once, as its later copy: one
 * statement cannot write a row twice.
 */
export async function insertEvents<E extends Event>(store: Store, events: readonly E[]): Promise<(E & AnnouncedEvent)[]> {
  const latest = distinctIds(events) ? events : latestOfEach(events);
  const byKind = new Map<EventKindDefinition, E[]>();
  for (const event of latest) {
    const kind = definitionOf(event);
    let group = byKind.get(kind);
    if (!group) byKind.set(kind, (group = []));
    group.push(event);
  }
  if (byKind.size === 0) return [];
  const groups = [...byKind];
  const results = await store.transaction<OutcomeRow>(groups.map(([kind, group]) => ({ text: insertOf(kind), params: [JSON.stringify(group.map(rowOf))], prepared: true })));
  const unwritten = new Set<E>();
  const movedFrom = new Map<E, Date>();
  results.forEach((rows, i) => {
    const group = groups[i]![1];
    for (const row of rows) {
      const event = group[row.n - 1]!;
      if (!row.written) unwritten.add(event);
      else if (row.moved_from_us !== null) movedFrom.set(event, timeOfEpochMicroseconds(BigInt(row.moved_from_us)));
    }
  });
  if (unwritten.size === 0 && movedFrom.size === 0) return [...latest];
  return latest.flatMap((event) => {
    if (unwritten.has(event)) return [];
    const from = movedFrom.get(event);
    return from ? [{ ...event, movedFrom: from }] : [event];
  });
}
