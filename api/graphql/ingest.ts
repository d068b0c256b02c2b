// Ingest mutations derived from the catalogue: one typed mutation per raw kind (ingestHeartRate)
// and ingest(events) taking a @oneOf EventInput. Each event is judged on its own: the result lists
// what was accepted and, per bad event, its index, kind, field and reason.
import { kindNamed, rawKinds } from '../../schema/catalogue.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import type { Field } from '../../schema/fields.ts';
import { pascalCase } from '../../schema/naming.ts';
import { judgesTextsPerEvent } from '../argument-texts.ts';
import { mayWriteDevice } from '../auth/principal.ts';
import { acceptEvents, type AcceptedEvents } from '../ingest/accept.ts';
import { validateEvents, type IncomingEvent, type RejectedEvent } from '../ingest/validate.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { eventKindEnum, fieldEnum } from './event-types.ts';

const blobInput = builder.inputType('BlobInput', {
  description:
    'Binary content: set exactly one of base64 (inline, for small payloads) and file (a part of a GraphQL multipart ' +
    'request, streamed to the blob store). The bytes must be of the declared mimeType.',
  fields: (t) => ({
    base64: t.string({ description: 'The bytes, base64-encoded.' }),
    file: t.field({ type: 'File', description: 'The bytes as a multipart upload (github.com/jaydenseric/graphql-multipart-request-spec).' }),
    mimeType: t.string({ required: true }),
  }),
});

type InputFieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

function inputField(t: InputFieldBuilder, kind: EventKindDefinition, name: string, f: Field) {
  const common = { required: !f.optional, description: f.description };
  switch (f.type) {
    case 'float':
      return t.float(common);
    case 'int':
      return t.int(common);
    case 'string':
      return t.string(common);
    case 'boolean':
      return t.boolean(common);
    case 'enum':
      return t.field({ ...common, type: fieldEnum(kind, name, f.values) });
    case 'timestamp':
      return t.field({ ...common, type: 'DateTime' });
    case 'stringList':
      return t.stringList(common);
    case 'json':
      return t.field({ ...common, type: 'JSON' });
    case 'blob':
      return t.field({ ...common, type: blobInput });
  }
}

const kindInputs = new Map(
  rawKinds.map((kind) => [
    kind,
    builder.inputType(`${pascalCase(kind.name)}Input`, {
      description: kind.description,
      fields: (t) => ({
        id: t.id({ description: 'Stable id for idempotent re-sends; derived from the content when absent.' }),
        deviceId: t.id({ required: true }),
        time: t.field({ type: 'DateTime', required: true, description: 'When it happened (ISO-8601 with offset).' }),
        ...Object.fromEntries(Object.entries(kind.fields).map(([name, f]) => [name, inputField(t, kind, name, f)])),
      }),
    }),
  ]),
);

const eventInput = builder.inputType('EventInput', {
  description: 'One event of any raw kind: set exactly one field.',
  isOneOf: true,
  fields: (t) => Object.fromEntries([...kindInputs].map(([kind, input]) => [kind.name, t.field({ type: input })])),
});

/** An accepted event with its position in the batch, as acceptEvents returns it: its id and kind are read from it only when asked for. */
type AcceptedEvent = AcceptedEvents['accepted'][number];

interface IngestResult {
  accepted: AcceptedEvent[];
  rejected: RejectedEvent[];
}

const acceptedEvent = builder.objectRef<AcceptedEvent>('AcceptedEvent').implement({
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the batch.' }),
    id: t.id({ resolve: ({ event }) => event.id }),
    kind: t.field({ type: eventKindEnum, resolve: ({ event }) => event.kind }),
  }),
});

const ingestError = builder.objectRef<RejectedEvent>('IngestError').implement({
  description: 'Why one event of a batch was not accepted. The other events are unaffected.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the batch.' }),
    kind: t.field({
      type: eventKindEnum,
      nullable: true,
      description: 'Null when the event named no known kind.',
      resolve: (e) => (kindNamed(e.kind) ? e.kind : null),
    }),
    field: t.exposeString('field'),
    code: t.exposeString('code', { description: 'INVALID_FIELD, TIME_OUT_OF_RANGE, UNKNOWN_KIND or FORBIDDEN_DEVICE.' }),
    message: t.exposeString('message'),
  }),
});

const ingestResult = builder.objectRef<IngestResult>('IngestResult').implement({
  description: 'What a batch came to. Accepted events are durable on the bus when this is returned.',
  fields: (t) => ({
    acceptedCount: t.int({ resolve: (r) => r.accepted.length }),
    rejectedCount: t.int({ description: 'Events rejected (an event may have several errors).', resolve: (r) => new Set(r.rejected.map((e) => e.index)).size }),
    accepted: t.field({ type: [acceptedEvent], resolve: (r) => r.accepted }),
    errors: t.field({ type: [ingestError], resolve: (r) => r.rejected }),
  }),
});

/** The batch is at most LIFESTREAM_MAX_BATCH events long: api/list-limits.ts refused a longer one before coercion. */
async function ingestBatch(events: IncomingEvent[], context: Context, form: 'graphql' | 'json' = 'graphql'): Promise<IngestResult> {
  const now = new Date();
  const limits = { now, maxFutureSkewMs: context.config.LIFESTREAM_MAX_FUTURE_SKEW_S * 1000 };
  const { valid, rejected } = validateEvents(events, limits, form);
  const allowed = valid.filter((event) => {
    if (mayWriteDevice(context.principal, event.deviceId)) return true;
    rejected.push({
      index: event.index,
      kind: event.kind.name,
      field: 'deviceId',
      code: 'FORBIDDEN_DEVICE',
      message: `event ${event.index} (${event.kind.name}): deviceId "${event.deviceId}" is not this token's device ("${context.principal.deviceId}")`,
    });
    return false;
  });
  const { accepted, rejected: refusedBlobs } = await acceptEvents(allowed, { bus: context.bus, blobs: context.blobs, now });
  return {
    accepted,
    rejected: [...rejected, ...refusedBlobs].sort((a, b) => a.index - b.index),
  };
}

// Each event's texts are judged with the event (validateEvents), not refused with the whole request.
const perEventTexts = { [judgesTextsPerEvent]: true };

builder.mutationField('ingest', (t) =>
  t.field({
    type: ingestResult,
    authScopes: { ingest: true },
    extensions: perEventTexts,
    description: 'Ingest a batch of events of any raw kinds.',
    args: { events: t.arg({ type: [eventInput], required: true }) },
    resolve: (_root, { events }, context) =>
      ingestBatch(
        // @oneOf: each event sets exactly one kind's field.
        events.flatMap((one) => Object.entries(one).flatMap(([name, input]) => (input ? [{ kind: rawKinds.find((k) => k.name === name)!, input }] : []))),
        context,
      ),
  }),
);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A plain-JSON event `{ "<kind>": { ... } }` as IncomingEvent; anything else names no kind. */
function jsonEvent(event: unknown): IncomingEvent {
  const entries = event && typeof event === 'object' && !Array.isArray(event) ? Object.entries(event) : [];
  if (entries.length !== 1) return { kind: null, input: {} };
  const [name, input] = entries[0]!;
  return { kind: rawKinds.find((k) => k.name === name) ?? name, input: isObject(input) ? input : {} };
}

builder.mutationField('ingestJson', (t) =>
  t.field({
    type: ingestResult,
    authScopes: { ingest: true },
    extensions: perEventTexts,
    description:
      'Ingest a batch of events as plain JSON, { "<kind>": { deviceId, time, ... } } each. Unlike ingest, an event ' +
      'with a wrong type or a missing field is rejected alone instead of failing the whole request: for device ' +
      'buffers where one corrupt record must not hold back the rest.',
    args: { events: t.arg({ type: ['JSON'], required: true }) },
    resolve: (_root, { events }, context) => ingestBatch(events.map(jsonEvent), context, 'json'),
  }),
);

for (const [kind, input] of kindInputs) {
  builder.mutationField(`ingest${pascalCase(kind.name)}`, (t) =>
    t.field({
      type: ingestResult,
      authScopes: { ingest: true },
      extensions: perEventTexts,
      description: `Ingest a batch of ${kind.name} events. ${kind.description}`,
      args: { events: t.arg({ type: [input], required: true }) },
      resolve: (_root, { events }, context) =>
        ingestBatch(
          events.map((e) => ({ kind, input: e })),
          context,
        ),
    }),
  );
}
