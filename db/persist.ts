// Writing events into their kinds' tables, all kinds of one batch in one transaction. An event is
// identified by (time, id, device_id) (schema/event-codec.ts, eventKey): one sent again with the same
// payload is a no-op, one sent again with another payload is a correction and replaces the row
// (INSERT ... ON CONFLICT DO UPDATE ... WHERE the payload differs), the later in bus order winning.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { definitionOf, eventKey, eventKeyOf, rowOf } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableName, tableOf, type EventTable } from './tables.ts';

// PostgreSQL takes at most 65,535 parameters per statement.
const maxParameters = 60_000;

/** The columns a correction replaces: the payload's, and received_at (when the correction came). */
function correction(kind: EventKindDefinition, table: EventTable): { set: Record<string, SQL>; differs: SQL } {
  const columns = getTableColumns(table);
  const column = (name: string) => `"${columns[name]!.name}"`;
  const set = Object.fromEntries(['receivedAt', ...Object.keys(kind.fields)].map((name) => [name, sql.raw(`excluded.${column(name)}`)]));
  const fields = Object.keys(kind.fields).map(column);
  const differs = sql.raw(`(${fields.map((c) => `"${tableName(kind)}".${c}`).join(', ')}) IS DISTINCT FROM (${fields.map((c) => `excluded.${c}`).join(', ')})`);
  return { set, differs };
}

/**
 * Stores the events; returns those that changed a row (new, or a correction). An event sent twice
 * in one batch counts once, as its later copy: one statement cannot write a row twice.
 */
export async function insertEvents<E extends Event>(store: Store, events: readonly E[]): Promise<E[]> {
  const latest = new Map<string, E>();
  for (const event of events) {
    const key = eventKey(event);
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
  const written = new Set<string>();
  await store.db.transaction(async (tx) => {
    for (const [kind, group] of byKind) {
      const table = tableOf(kind);
      const { set, differs } = correction(kind, table);
      const rows = group.map(rowOf);
      const perStatement = Math.max(1, Math.floor(maxParameters / (4 + Object.keys(kind.fields).length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const changed = await tx
          .insert(table)
          .values(rows.slice(i, i + perStatement))
          .onConflictDoUpdate({ target: [table.time, table.id, table.deviceId], set, setWhere: differs })
          .returning({ id: table.id, deviceId: table.deviceId, timeUs: sql<string>`(extract(epoch FROM ${table.time}) * 1000000)::bigint::text` });
        for (const row of changed) written.add(eventKeyOf(kind.name, row.deviceId, BigInt(row.timeUs), row.id));
      }
    }
  });
  return [...latest.values()].filter((event) => written.has(eventKey(event)));
}
