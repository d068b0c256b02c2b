// Writing events into their kinds' tables: multi-row INSERT ... ON CONFLICT DO NOTHING on
// (time, id), all kinds of one batch in one transaction, so a re-sent event is a no-op. An
// updatable kind's event replaces the row of its id instead (moved: the row at the old time goes),
// and counts as new only when something changed.
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import { definitionOf, rowOf } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { snakeCase } from '../schema/naming.ts';
import { tableName, tableOf } from './tables.ts';

// PostgreSQL takes at most 65,535 parameters per statement.
const maxParameters = 60_000;

/** Inserts the events; returns those that were new (a re-sent event is skipped, not returned). */
export async function insertEvents<E extends Event>(store: Store, events: readonly E[]): Promise<E[]> {
  const byKind = new Map<EventKindDefinition, E[]>();
  for (const event of events) {
    const kind = definitionOf(event);
    let group = byKind.get(kind);
    if (!group) byKind.set(kind, (group = []));
    group.push(event);
  }
  const inserted = new Set<string>();
  await store.db.transaction(async (tx) => {
    for (const [kind, group] of byKind) {
      const table = tableOf(kind);
      // Of several versions of an id in one batch, the last one sent is the one that stands.
      const rows = kind.updatable ? [...new Map(group.map((e) => [e.id, rowOf(e)])).values()] : group.map(rowOf);
      const perStatement = Math.max(1, Math.floor(maxParameters / (4 + Object.keys(kind.fields).length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        let insert;
        if (kind.updatable) {
          for (const row of chunk) await tx.delete(table).where(and(eq(table.id, row.id), ne(table.time, row.time)));
          const replace = replacement(kind);
          insert = tx.insert(table).values(chunk).onConflictDoUpdate({ target: [table.time, table.id], set: replace.set, setWhere: replace.changed });
        } else {
          insert = tx.insert(table).values(chunk).onConflictDoNothing();
        }
        const added = await insert.returning({ id: table.id });
        for (const { id } of added) inserted.add(`${kind.name}:${id}`);
      }
    }
  });
  return events.filter((e) => inserted.has(`${e.kind}:${e.id}`));
}

/** The SET of an updatable kind's upsert (every payload column from the new row) and its condition (one of them differs). */
function replacement(kind: EventKindDefinition): { set: Record<string, SQL>; changed: SQL } {
  const columns = ['device_id', ...Object.keys(kind.fields).map(snakeCase)];
  const set: Record<string, SQL> = { deviceId: sql.raw('excluded.device_id'), receivedAt: sql.raw('excluded.received_at') };
  for (const name of Object.keys(kind.fields)) set[name] = sql.raw(`excluded."${snakeCase(name)}"`);
  const stored = columns.map((c) => `"${tableName(kind)}"."${c}"`).join(', ');
  const sent = columns.map((c) => `excluded."${c}"`).join(', ');
  return { set, changed: sql.raw(`(${stored}) IS DISTINCT FROM (${sent})`) };
}
