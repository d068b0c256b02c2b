// One table per event kind, derived from the catalogue. Rows are keyed on (time, id) so a re-sent
// event is ignored by ON CONFLICT DO NOTHING, and TimescaleDB can partition on time.
import { index, pgTable, primaryKey, type PgColumnBuilderBase, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { boolean, doublePrecision, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Field } from '../schema/fields.ts';
import { snakeCase } from '../schema/naming.ts';

function columnFor(name: string, f: Field): PgColumnBuilderBase {
  const column = snakeCase(name);
  const builder = (() => {
    switch (f.type) {
      case 'float':
        return doublePrecision(column);
      case 'int':
        return integer(column);
      case 'string':
      case 'enum':
        return text(column);
      case 'boolean':
        return boolean(column);
      case 'timestamp':
        return timestamp(column, { withTimezone: true, mode: 'date' });
      case 'stringList':
        return text(column).array();
      case 'json':
      case 'blob':
        return jsonb(column);
    }
  })();
  return f.optional ? builder : builder.notNull();
}

export const tableName = (kind: EventKindDefinition): string => snakeCase(kind.name);

function tableFor(kind: EventKindDefinition) {
  const payloadColumns = Object.fromEntries(Object.entries(kind.fields).map(([name, f]) => [name, columnFor(name, f)]));
  return pgTable(
    tableName(kind),
    {
      id: text('id').notNull(),
      deviceId: text('device_id').notNull(),
      time: timestamp('time', { withTimezone: true, mode: 'date' }).notNull(),
      receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
      ...payloadColumns,
    },
    (t) => [
      primaryKey({ columns: [t.time, t.id] }),
      index(`${tableName(kind)}_device_time_idx`).on(t.deviceId, t.time),
      index(`${tableName(kind)}_id_idx`).on(t.id),
    ],
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- columns are derived at run time
export type EventTable = PgTableWithColumns<any>;

/** The tables keyed by kind name. */
export const tables: Readonly<Record<string, EventTable>> = Object.fromEntries(
  catalogue.map((kind) => [kind.name, tableFor(kind)]),
);

export function tableOf(kind: EventKindDefinition): EventTable {
  const table = tables[kind.name];
  if (!table) throw new Error(`no table for kind ${kind.name}`);
  return table;
}
