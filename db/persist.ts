// Writing events into their kinds' tables: multi-row INSERT ... ON CONFLICT DO NOTHING on
// (time, id), all kinds of one batch in one transaction, so a re-sent event is a no-op.
import { definitionOf, rowOf } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Store } from './store.ts';
import { tableOf } from './tables.ts';

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
      const rows = group.map(rowOf);
      const perStatement = Math.max(1, Math.floor(maxParameters / (4 + Object.keys(kind.fields).length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const added = await tx.insert(table).values(rows.slice(i, i + perStatement)).onConflictDoNothing().returning({ id: table.id });
        for (const { id } of added) inserted.add(`${kind.name}:${id}`);
      }
    }
  });
  return events.filter((e) => inserted.has(`${e.kind}:${e.id}`));
}
