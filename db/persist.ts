// Writing envelopes into their kinds' tables: multi-row INSERT ... ON CONFLICT DO NOTHING on
// (time, id), all kinds of one batch in one transaction, so a re-sent event is a no-op.
import { kindNamed } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Envelope } from '../schema/envelope.ts';
import type { Store } from './store.ts';
import { tableOf } from './tables.ts';

// PostgreSQL takes at most 65,535 parameters per statement.
const maxParameters = 60_000;

/** The row of a kind's table for an envelope whose payload is in wire form. */
export function rowOf(kind: EventKindDefinition, envelope: Envelope): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: envelope.id,
    deviceId: envelope.deviceId,
    time: new Date(envelope.time),
    receivedAt: new Date(envelope.receivedAt),
  };
  for (const [name, f] of Object.entries(kind.fields)) {
    const value = envelope.payload[name];
    row[name] = value === undefined || value === null ? null : f.type === 'timestamp' ? new Date(value as string) : value;
  }
  return row;
}

/** Inserts the envelopes; returns those that were new (a re-sent event is skipped, not returned). */
export async function insertEvents(store: Store, envelopes: Envelope[]): Promise<Envelope[]> {
  const byKind = new Map<EventKindDefinition, Envelope[]>();
  for (const envelope of envelopes) {
    const kind = kindNamed(envelope.kind);
    if (!kind) throw new Error(`unknown kind "${envelope.kind}"`);
    let group = byKind.get(kind);
    if (!group) byKind.set(kind, (group = []));
    group.push(envelope);
  }
  const inserted = new Set<string>();
  await store.db.transaction(async (tx) => {
    for (const [kind, group] of byKind) {
      const table = tableOf(kind);
      const rows = group.map((envelope) => rowOf(kind, envelope));
      const perStatement = Math.max(1, Math.floor(maxParameters / (4 + Object.keys(kind.fields).length)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const added = await tx.insert(table).values(rows.slice(i, i + perStatement)).onConflictDoNothing().returning({ id: table.id });
        for (const { id } of added) inserted.add(`${kind.name}:${id}`);
      }
    }
  });
  return envelopes.filter((e) => inserted.has(`${e.kind}:${e.id}`));
}
