// The GraphQL face of the catalogue: the EventKind enum, the TimelineEvent interface and one object
// type per kind implementing it, with the kind's fields. All derived; nothing here names a kind.
import { catalogue } from '../../schema/catalogue.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import type { BlobRef } from '../../schema/envelope.ts';
import type { Field } from '../../schema/fields.ts';
import { pascalCase, screamingSnakeCase } from '../../schema/naming.ts';
import type { TimelineRow } from '../../db/timeline-query.ts';
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
  resolveType: (row) => pascalCase(row.kind.name),
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: eventKindEnum, resolve: (row) => row.kind.name }),
    deviceId: t.exposeID('deviceId'),
    time: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (row) => row.time }),
    receivedAt: t.field({ type: 'DateTime', description: 'When Lifestream accepted it.', resolve: (row) => row.receivedAt }),
    lane: t.string({ description: 'The timeline lane it is drawn in.', resolve: (row) => row.kind.timeline.lane }),
    headline: t.string({ description: 'One line describing it.', resolve: (row) => row.kind.timeline.headline(row.payload) }),
    payload: t.field({
      type: 'JSON',
      description: "The kind's own fields as one object (blobs as {sha256, byteSize, mimeType}): the event whole, for clients that show any kind.",
      resolve: (row) => row.payload,
    }),
  }),
});

type ObjectFieldBuilder = Parameters<Parameters<ReturnType<typeof builder.objectRef<TimelineRow>>['implement']>[0]['fields'] & object>[0];

function outputField(t: ObjectFieldBuilder, kind: EventKindDefinition, name: string, f: Field) {
  const common = { nullable: f.optional, description: f.description, resolve: (row: TimelineRow) => row.payload[name] as never };
  switch (f.type) {
    case 'float':
      return t.field({ ...common, type: 'Float' });
    case 'int':
      return t.field({ ...common, type: 'Int' });
    case 'string':
      return t.field({ ...common, type: 'String' });
    case 'boolean':
      return t.field({ ...common, type: 'Boolean' });
    case 'enum':
      return t.field({ ...common, type: fieldEnum(kind, name, f.values) });
    case 'timestamp':
      return t.field({ ...common, type: 'DateTime' });
    case 'stringList':
      return t.field({ ...common, type: ['String'] });
    case 'json':
      return t.field({ ...common, type: 'JSON' });
    case 'blob':
      return t.field({ ...common, type: blobType });
  }
}

for (const kind of catalogue) {
  builder.objectRef<TimelineRow>(pascalCase(kind.name)).implement({
    description: kind.description,
    interfaces: [timelineEventInterface],
    isTypeOf: (row) => (row as TimelineRow).kind === kind,
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
