// Writing events into their kinds' tables: per kind one INSERT ... ON CONFLICT DO NOTHING on
// (time, id) of all its rows, sent as one JSON parameter that PostgreSQL unpacks itself
// (json_populate_recordset), all kinds of one batch in one transaction, so a re-sent event is a no-op.
// One parameter however many rows: no SQL built per row, no parameter limit, near COPY's speed.
import { getTableColumns } from 'drizzle-orm';
import { definitionOf } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName, tableOf } from './tables.ts';

interface KindInsert {
  /** The INSERT taking the rows as a JSON array in $1 and returning the ids it stored. */
  text: string;
  /** [payload field, column] pairs. */
  columns: [string, string][];
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const inserts = new Map<EventKindDefinition, KindInsert>();

function insertOf(kind: EventKindDefinition): KindInsert {
  let insert = inserts.get(kind);
  if (insert) return insert;
  const table = quoted(tableName(kind));
  const tableColumns = getTableColumns(tableOf(kind));
  const columns = Object.keys(kind.fields).map((name): [string, string] => [name, tableColumns[name]!.name]);
  const list = ['id', 'device_id', 'time', 'received_at', ...columns.map(([, column]) => column)].map(quoted).join(', ');
  const text = `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::text::json) ON CONFLICT DO NOTHING RETURNING id`;
  inserts.set(kind, (insert = { text, columns }));
  return insert;
}

/** The events as the JSON array of rows json_populate_recordset reads: columns by name, Dates as ISO-8601. */
function rowsJson(columns: readonly [string, string][], events: readonly Event[]): string {
  return JSON.stringify(
    events.map((event) => {
      const row: Record<string, unknown> = { id: event.id, device_id: event.deviceId, time: event.time, received_at: event.receivedAt };
      for (const [name, column] of columns) row[column] = event.payload[name] ?? null;
      return row;
    }),
  );
}

/** Inserts the events; returns those that were new (a re-sent event is skipped, not returned). */
export async function insertEvents<E extends Event>(store: Store, events: readonly E[]): Promise<E[]> {
  const byKind = new Map<EventKindDefinition, E[]>();
  for (const event of events) {
    const kind = definitionOf(event);
    let group = byKind.get(kind);
    if (!group) byKind.set(kind, (group = []));
    group.push(event);
  }
  if (byKind.size === 0) return [];
  const kinds = [...byKind.keys()];
  const statements = kinds.map((kind) => {
    const { text, columns } = insertOf(kind);
    return { text, params: [rowsJson(columns, byKind.get(kind)!)] };
  });
  // One statement is a transaction of its own: a batch of one kind (the usual) needs no BEGIN and COMMIT.
  const results = statements.length === 1 ? [await store.query<{ id: string }>(statements[0]!.text, statements[0]!.params)] : await store.transaction<{ id: string }>(statements);
  const inserted = new Set<string>();
  results.forEach((rows, i) => {
    for (const { id } of rows) inserted.add(`${kinds[i]!.name}:${id}`);
  });
  return events.filter((e) => inserted.has(`${e.kind}:${e.id}`));
}
