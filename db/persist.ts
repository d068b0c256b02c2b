// Writing events into their kinds' tables: per kind one INSERT of all its rows, sent as one JSON
// parameter that PostgreSQL unpacks itself (json_populate_recordset), all kinds of one batch in one
// transaction. One parameter however many rows: no SQL built per row, no parameter limit, near
// COPY's speed. An event is identified by (time, id, device_id) (schema/event-codec.ts, eventKey):
// one sent again with the same payload is a no-op, one sent again with another payload is a
// correction and replaces the row (ON CONFLICT DO UPDATE ... WHERE the payload differs), the later in
// bus order winning. An updatable kind's event (a calendar entry) is identified by (id, device_id)
// alone: sent at another time it moves, its row at the old time deleted in the same statement, and
// the time it moved from returned with it, so live subscribers can drop it there.
import { getTableColumns } from 'drizzle-orm';
import { definitionOf, eventKey, eventKeyOf, rowOf, type AnnouncedEvent } from '../schema/event-codec.ts';
import { timeOfEpochMicroseconds } from '../schema/microsecond-time.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName, tableOf } from './tables.ts';

interface ChangedRow {
  id: string;
  device_id: string;
  /** Microseconds since the epoch, as text: exact where a float would not be. */
  time_us: string;
  /** Where an updatable kind's event moved: the time of the row deleted, in the same form. */
  moved_from_us: string | null;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const inserts = new Map<EventKindDefinition, string>();

/**
 * The kind's INSERT, taking its rows (the codec's rowOf) as a JSON array in $1 and returning the rows
 * it changed: new ones, and corrections (received_at and the payload's columns replaced).
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
  const sent = `json_populate_recordset(NULL::${table}, $1::text::json)`;
  // The DELETE and the INSERT see the same snapshot; the rows deleted lie at other times than those inserted.
  const microseconds = (time: string) => `(extract(epoch FROM ${time}) * 1000000)::bigint::text`;
  const [moved, movedFrom] = kind.updatable
    ? [
        `WITH moved AS (DELETE FROM ${table} AS stored USING ${sent} AS sent WHERE stored."id" = sent."id" AND stored."device_id" = sent."device_id" AND stored."time" <> sent."time" RETURNING stored."id", stored."device_id", stored."time") `,
        `(SELECT ${microseconds('moved."time"')} FROM moved WHERE moved."id" = ${table}."id" AND moved."device_id" = ${table}."device_id" LIMIT 1)`,
      ]
    : ['', 'NULL::text'];
  insert =
    `${moved}INSERT INTO ${table} (${all.join(', ')}) SELECT ${all.join(', ')} FROM ${sent} ` +
    `ON CONFLICT ("time", "id", "device_id") DO UPDATE SET ${replaced} WHERE ${differs} ` +
    `RETURNING "id", "device_id", ${microseconds('"time"')} AS "time_us", ${movedFrom} AS "moved_from_us"`;
  inserts.set(kind, insert);
  return insert;
}

/**
 * Stores the events; returns those that changed a row (new, or a correction), a moved one with the
 * time it moved from. An event sent twice in one batch counts once, as its later copy: one
 * statement cannot write a row twice.
 */
export async function insertEvents<E extends Event>(store: Store, events: readonly E[]): Promise<(E & AnnouncedEvent)[]> {
  const latest = new Map<string, E>();
  for (const event of events) {
    // Of several versions of an updatable kind's id in one batch, the last one sent stands, whatever its time.
    const key = definitionOf(event).updatable ? `${event.kind}\u0000${event.deviceId}\u0000${event.id}` : eventKey(event);
    latest.delete(key);
    latest.set(key, event);
  }
  const byKind = new Map<EventKindDefinition, E[]>();
  for (const event of latest.values()) {
    const kind = definitionOf(event);
    let group = byKind.get(kind);
    if (!group) byKind.set(kind, (group = []));
    group.push(event);
  }
  if (byKind.size === 0) return [];
  const kinds = [...byKind.keys()];
  const statements = kinds.map((kind) => ({ text: insertOf(kind), params: [JSON.stringify(byKind.get(kind)!.map(rowOf))] }));
  // One statement is a transaction of its own: a batch of one kind (the usual) needs no BEGIN and COMMIT.
  const results = statements.length === 1 ? [await store.query<ChangedRow>(statements[0]!.text, statements[0]!.params)] : await store.transaction<ChangedRow>(statements);
  // Each row written, with the time it moved from (null where it did not move).
  const written = new Map<string, string | null>();
  results.forEach((rows, i) => {
    for (const row of rows) written.set(eventKeyOf(kinds[i]!.name, row.device_id, BigInt(row.time_us), row.id), row.moved_from_us);
  });
  return [...latest.values()].flatMap((event) => {
    const movedFromUs = written.get(eventKey(event));
    if (movedFromUs === undefined) return [];
    return movedFromUs === null ? [event] : [{ ...event, movedFrom: timeOfEpochMicroseconds(BigInt(movedFromUs)) }];
  });
}
