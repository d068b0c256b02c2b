// The GraphQL face of the catalogue: the EventKind enum, the TimelineEvent interface and one object
// type per kind implementing it, with the kind's fields. All derived; nothing here names a kind.
import { catalogue } from '../../schema/catalogue.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import { blobRefSchema, type BlobRef } from '../../schema/envelope.ts';
import type { TimelineRow } from '../../schema/event-codec.ts';
import type { Field } from '../../schema/fields.ts';
import { pascalCase, screamingSnakeCase } from '../../schema/naming.ts';
import { builder } from './builder.ts';

export const eventKindEnum = builder.enumType('EventKind', {
  values: Object.fromEntries(
    catalogue.map((kind) => [screamingSnakeCase(kind.name), { value: kind.name, description: kind.description }]),
  ),
});

export const blobType = builder.objectRef<BlobRef>('Blob').implement({
  description: 'Binary content in the blob store, addressed by its sha256.',
  fields: (t) => ({
    sha256: t.exposeString('sha256'),
    byteSize: t.exposeInt('byteSize'),
    mimeType: t.exposeString('mimeType'),
  }),
});

const enumTypes = new Map<string, ReturnType<typeof builder.enumType>>();

/** The GraphQL enum of an enum field, shared by the kind's input and object types. */
export function fieldEnum(kind: EventKindDefinition, name: string, values: readonly string[]) {
  const typeName = `${pascalCase(kind.name)}${pascalCase(name)}`;
  let ref = enumTypes.get(typeName);
  if (!ref) {
    ref = builder.enumType(typeName, { values: values as string[] });
    enumTypes.set(typeName, ref);
  }
  return ref;
}

export const timelineEventInterface = builder.interfaceRef<TimelineRow>('TimelineEvent').implement({
  description: 'Anything on the timeline. Every kind of event implements it.',
  resolveType: (row) => pascalCase(row.kind),
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: eventKindEnum, resolve: (row) => row.kind }),
    deviceId: t.exposeID('deviceId'),
    time: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (row) => row.time }),
    receivedAt: t.field({ type: 'DateTime', description: 'When Lifestream accepted it.', resolve: (row) => row.receivedAt }),
    lane: t.string({ description: 'The timeline lane it is drawn in.', resolve: (row) => row.definition.timeline.lane }),
    headline: t.string({ description: 'One line describing it.', resolve: (row) => row.definition.timeline.headline(row.payload) }),
    payload: t.field({
      type: 'JSON',
      description: "The kind's own fields as one object (blobs as {sha256, byteSize, mimeType}): the event whole, for clients that show any kind.",
      resolve: (row) => row.payload,
    }),
  }),
});

type ObjectFieldBuilder = Parameters<Parameters<ReturnType<typeof builder.objectRef<TimelineRow>>['implement']>[0]['fields'] & object>[0];

// A payload field's value narrowed to its GraphQL type: null when the event does not have it.
const asNumber = (value: unknown) => (typeof value === 'number' ? value : null);
const asString = (value: unknown) => (typeof value === 'string' ? value : null);
const asBoolean = (value: unknown) => (typeof value === 'boolean' ? value : null);
const asDate = (value: unknown) => (value instanceof Date ? value : null);
const asStrings = (value: unknown) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null);
const asBlobRef = (value: unknown) => blobRefSchema.safeParse(value).data ?? null;
const asJson = (value: unknown) => value ?? null;

/** A required field the stored event lacks is a broken row: say which, rather than answer null where the schema promises a value. */
function present<T>(row: TimelineRow, name: string, value: T | null): T {
  if (value === null) throw new Error(`${row.kind} event ${row.id} has no valid ${name}`);
  return value;
}

function outputField(t: ObjectFieldBuilder, kind: EventKindDefinition, name: string, f: Field) {
  const description = f.description;
  const value = (row: TimelineRow) => row.payload[name];
  switch (f.type) {
    case 'float':
      return f.optional
        ? t.float({ description, nullable: true, resolve: (row) => asNumber(value(row)) })
        : t.float({ description, resolve: (row) => present(row, name, asNumber(value(row))) });
    case 'int':
      return f.optional
        ? t.int({ description, nullable: true, resolve: (row) => asNumber(value(row)) })
        : t.int({ description, resolve: (row) => present(row, name, asNumber(value(row))) });
    case 'string':
      return f.optional
        ? t.string({ description, nullable: true, resolve: (row) => asString(value(row)) })
        : t.string({ description, resolve: (row) => present(row, name, asString(value(row))) });
    case 'boolean':
      return f.optional
        ? t.boolean({ description, nullable: true, resolve: (row) => asBoolean(value(row)) })
        : t.boolean({ description, resolve: (row) => present(row, name, asBoolean(value(row))) });
    case 'enum': {
      const type = fieldEnum(kind, name, f.values);
      return f.optional
        ? t.field({ description, type, nullable: true, resolve: (row) => asString(value(row)) })
        : t.field({ description, type, resolve: (row) => present(row, name, asString(value(row))) });
    }
    case 'timestamp':
      return f.optional
        ? t.field({ description, type: 'DateTime', nullable: true, resolve: (row) => asDate(value(row)) })
        : t.field({ description, type: 'DateTime', resolve: (row) => present(row, name, asDate(value(row))) });
    case 'stringList':
      return f.optional
        ? t.stringList({ description, nullable: true, resolve: (row) => asStrings(value(row)) })
        : t.stringList({ description, resolve: (row) => present(row, name, asStrings(value(row))) });
    case 'json':
      return f.optional
        ? t.field({ description, type: 'JSON', nullable: true, resolve: (row) => asJson(value(row)) })
        : t.field({ description, type: 'JSON', resolve: (row) => present(row, name, asJson(value(row))) });
    case 'blob':
      return f.optional
        ? t.field({ description, type: blobType, nullable: true, resolve: (row) => asBlobRef(value(row)) })
        : t.field({ description, type: blobType, resolve: (row) => present(row, name, asBlobRef(value(row))) });
  }
}

for (const kind of catalogue) {
  builder.objectRef<TimelineRow>(pascalCase(kind.name)).implement({
    description: kind.description,
    interfaces: [timelineEventInterface],
    isTypeOf: (row) => typeof row === 'object' && row !== null && 'definition' in row && row.definition === kind,
    fields: (t) => Object.fromEntries(Object.entries(kind.fields).map(([name, f]) => [name, outputField(t, kind, name, f)])),
  });
}

const eventKindInfo = builder.objectRef<EventKindDefinition>('EventKindInfo').implement({
  description: 'What the catalogue says about a kind: where it flows and how it is drawn.',
  fields: (t) => ({
    kind: t.field({ type: eventKindEnum, resolve: (k) => k.name }),
    description: t.exposeString('description'),
    topic: t.exposeString('topic'),
    stage: t.exposeString('stage'),
    lane: t.string({ resolve: (k) => k.timeline.lane }),
    draw: t.string({ description: 'How the web app draws it zoomed out: line, bars, spans or marks.', resolve: (k) => k.timeline.draw ?? 'marks' }),
    valueField: t.string({ nullable: true, description: 'The field timelineBuckets aggregates as min, avg and max.', resolve: (k) => k.timeline.value ?? null }),
    textFields: t.stringList({ description: 'The fields timeline(text:) searches.', resolve: (k) => [...(k.timeline.text ?? [])] }),
  }),
});

builder.queryField('eventKinds', (t) =>
  t.field({
    type: [eventKindInfo],
    authScopes: { read: true },
    description: 'Every kind of event Lifestream knows.',
    resolve: () => [...catalogue],
  }),
);
