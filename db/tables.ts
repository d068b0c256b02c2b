// One table per event kind, derived from the catalogue. Rows are keyed on (time, id, device_id), what
// identifies an event (schema/event-codec.ts, eventKey), so a re-sent event finds its row, two devices
// never share one, and TimescaleDB can partition on time. A kind's table
// type is derived from its fields as its payload type is, so TableOf<typeof heartRate> has a bpm column.
import { sql, type BuildColumns, type NotNull } from 'drizzle-orm';
import { index, pgTable, primaryKey, type PgTableWithColumns } from 'drizzle-orm/pg-core';
import { boolean, doublePrecision, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { catalogue } from '../schema/catalogue.ts';
import type { BlobRef } from '../schema/envelope.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Field } from '../schema/fields.ts';
import { snakeCase } from '../schema/naming.ts';
import { searchableText } from './timeline-text.ts';

const columnOfType = {
  float: (column: string) => doublePrecision(column),
  int: (column: string) => integer(column),
  string: (column: string) => text(column),
  enum: (column: string) => text(column),
  boolean: (column: string) => boolean(column),
  timestamp: (column: string) => timestamp(column, { withTimezone: true, mode: 'date' }),
  stringList: (column: string) => text(column).array(),
  json: (column: string) => jsonb(column),
  blob: (column: string) => jsonb(column).$type<BlobRef>(),
};

type ColumnBuilderOf<F extends Field> = ReturnType<(typeof columnOfType)[F['type']]>;
type ColumnOf<F extends Field> = F extends { optional: true } ? ColumnBuilderOf<F> : NotNull<ColumnBuilderOf<F>>;

const commonColumns = () => ({
  id: text('id').notNull(),
  deviceId: text('device_id').notNull(),
  time: timestamp('time', { withTimezone: true, mode: 'date' }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});

type ColumnsOf<K extends EventKindDefinition> = ReturnType<typeof commonColumns> & { [N in keyof K['fields']]: ColumnOf<K['fields'][N]> };

/** A kind's table, its columns typed by the kind's fields. */
export type TableOf<K extends EventKindDefinition> = PgTableWithColumns<{
  name: string;
  schema: undefined;
  columns: BuildColumns<string, ColumnsOf<K>, 'pg'>;
  dialect: 'pg';
}>;

/** Any kind's table, as storage code handling every kind alike sees it. */
export type EventTable = TableOf<EventKindDefinition>;

export const tableName = (kind: EventKindDefinition): string => snakeCase(kind.name);

function columnFor(name: string, f: Field) {
  const builder = columnOfType[f.type](snakeCase(name));
  return f.optional ? builder : builder.notNull();
}

/** A trigram index over the kind's searchable text (timeline-text.ts), for kinds that have any. */
function textIndex(kind: EventKindDefinition) {
  const text = searchableText(kind);
  return text ? [index(`${tableName(kind)}_text_idx`).using('gin', sql.raw(`(${text}) gin_trgm_ops`))] : [];
}

function tableFor<K extends EventKindDefinition>(kind: K): TableOf<K> {
  // Built at run time from the same fields ColumnsOf<K> maps at compile time: the one place the two meet.
  const payloadColumns = Object.fromEntries(Object.entries(kind.fields).map(([name, f]) => [name, columnFor(name, f)])) as { [N in keyof K['fields']]: ColumnOf<K['fields'][N]> };
  return pgTable(
    tableName(kind),
    { ...commonColumns(), ...payloadColumns },
    (t) => [
      primaryKey({ columns: [t.time, t.id, t.deviceId] }),
      index(`${tableName(kind)}_device_time_idx`).on(t.deviceId, t.time),
      index(`${tableName(kind)}_id_idx`).on(t.id),
      ...textIndex(kind),
    ],
  );
}

/** The tables keyed by kind name. */
export const tables: Readonly<Record<string, EventTable>> = Object.fromEntries(catalogue.map((kind) => [kind.name, tableFor(kind)]));

export function tableOf(kind: EventKindDefinition): EventTable {
  const table = tables[kind.name];
  if (!table) throw new Error(`no table for kind ${kind.name}`);
  return table;
}
