// Writing events into their kinds' tables: per kind one INSERT ... ON CONFLICT DO NOTHING on
// (time, id) of all its rows, sent as one JSON parameter that PostgreSQL unpacks itself
// (json_populate_recordset), all kinds of one batch in one transaction, so a re-sent event is a no-op.
// One parameter however many rows: no SQL built per row, no parameter limit, near COPY's speed.
import { getTableColumns } from 'drizzle-orm';
import { definitionOf, rowOf } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName, tableOf } from './tables.ts';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

const inserts = new Map<EventKindDefinition, string>();

/** The kind's INSERT, taking its rows (the codec's rowOf) as a JSON array in $1 and returning the ids it stored. */
function insertOf(kind: EventKindDefinition): string {
  let insert = inserts.get(kind);
  if (insert) return insert;
  const table = quoted(tableName(kind));
  const columns = Object.values(getTableColumns(tableOf(kind))).map((column) => quoted(column.name)).join(', ');
  insert = `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, $1::text::json) ON CONFLICT DO NOTHING RETURNING id`;
  inserts.set(kind, insert);
  return insert;
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
  const statements = kinds.map((kind) => ({ text: insertOf(kind), params: [JSON.stringify(byKind.get(kind)!.map(rowOf))] }));
  // One statement is a transaction of its own: a batch of one kind (the usual) needs no BEGIN and COMMIT.
  const results = statements.length === 1 ? [await store.query<{ id: string }>(statements[0]!.text, statements[0]!.params)] : await store.transaction<{ id: string }>(statements);
  const inserted = new Set<string>();
  results.forEach((rows, i) => {
    for (const { id } of rows) inserted.add(`${kinds[i]!.name}:${id}`);
  });
  return events.filter((e) => inserted.has(`${e.kind}:${e.id}`));
}
