// The one place an event changes form. Each kind's fields say how their values look in each form:
// - input: as the API validated it (schema/validation.ts): timestamps Dates, blobs base64 bytes;
// - event: in memory (schema/event.ts): timestamps Dates, blobs a BlobRef in the blob store;
// - wire: the Kafka message value (DESIGN.md, "Kafka"), JSON: timestamps ISO-8601, blobs a BlobRef;
// - row: a row of the kind's table (db/tables.ts), unset optional fields NULL, read back as
//   PostgreSQL's to_jsonb gives it;
// - timeline: an event with its exact position, for keyset cursors.
// Envelopes are built here too: the id derived from the content when none is given, receivedAt.
import { z } from 'zod';
import { kindNamed } from './catalogue.ts';
import { deriveEventId } from './event-id.ts';
import type { EventKindDefinition } from './event-kind.ts';
import type { Event, EventOfKinds, NewEvent } from './event.ts';
import type { BlobRef } from './envelope.ts';
import type { BlobField } from './fields.ts';
import { epochMicroseconds, isoText, MicrosecondTime, timeOfStoredText } from './microsecond-time.ts';
import { snakeCase } from './naming.ts';
import { isUpload, type Upload } from './upload.ts';
import { payloadSchema, problemsOf, safeParseQuotingInput } from './validation.ts';

/** An event the API validated, before its blobs are stored (see api/ingest/validate.ts). */
export interface ValidInput {
  kind: EventKindDefinition;
  /** The client's id, for idempotent re-sends; eventOfInput derives one when absent. */
  id?: string | undefined;
  deviceId: string;
  time: Date;
  /** The kind's fields in input form: blob fields carry base64 bytes or an upload. */
  payload: Readonly<Record<string, unknown>>;
}

/**
 * The id of an event the client gave none: derived from the input as it was sent (an upload counts
 * by its sha256), so a re-send after a timeout gets the same.
 */
export const idOfInput = (input: Omit<ValidInput, 'id'>): string => deriveEventId(input.kind.name, input.deviceId, input.time, input.payload);

const blobInput = z.object({ base64: z.string().nullish(), file: z.custom<Upload>(isUpload).nullish(), mimeType: z.string() });

/** A blob field in input form, as validation left it: exactly one of base64 and file set. */
export type BlobInput = z.infer<typeof blobInput>;

/** Stores one blob field's bytes and returns their reference; throws to refuse the event. */
export type StoreBlob = (value: BlobInput, f: BlobField, name: string) => Promise<BlobRef>;

const blobFieldsByKind = new Map<EventKindDefinition, [string, BlobField][]>();

/** A kind's blob fields, whose bytes go to the blob store before its events exist. */
function blobFieldsOf(kind: EventKindDefinition): readonly [string, BlobField][] {
  let fields = blobFieldsByKind.get(kind);
  if (!fields) blobFieldsByKind.set(kind, (fields = Object.entries(kind.fields).flatMap(([name, f]): [string, BlobField][] => (f.type === 'blob' ? [[name, f]] : []))));
  return fields;
}

/** Whether events of this kind can be made without storing blobs first (eventOfBloblessInput). */
export const isBlobless = (kind: EventKindDefinition): boolean => blobFieldsOf(kind).length === 0;

/** The payload's set fields (validation leaves unset optional ones undefined). */
function setFields(payload: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const name in payload) if (payload[name] !== undefined) set[name] = payload[name];
  return set;
}

/** input → event for a kind without blob fields: nothing to store first, so no promise per event. */
export function eventOfBloblessInput(input: ValidInput, receivedAt: Date): Event {
  if (!isBlobless(input.kind)) throw new Error(`${input.kind.name} has blob fields: use eventOfInput`);
  return { id: input.id ?? idOfInput(input), kind: input.kind.name, deviceId: input.deviceId, time: input.time, receivedAt, payload: setFields(input.payload) };
}

/** input → event: the blobs' bytes go to the blob store, the event keeps their references. */
export async function eventOfInput(input: ValidInput, receivedAt: Date, storeBlob: StoreBlob): Promise<Event> {
  if (isBlobless(input.kind)) return eventOfBloblessInput(input, receivedAt);
  const payload = setFields(input.payload);
  const sent = { ...payload };
  for (const [name, f] of blobFieldsOf(input.kind)) {
    const value = payload[name];
    if (value === undefined) continue;
    const blob = blobInput.parse(value);
    const ref = await storeBlob(blob, f, name);
    payload[name] = ref;
    if (blob.file) sent[name] = { sha256: ref.sha256, mimeType: ref.mimeType };
  }
  return {
    id: input.id ?? idOfInput({ ...input, payload: sent }),
    kind: input.kind.name,
    deviceId: input.deviceId,
    time: input.time,
    receivedAt,
    payload,
  };
}

/** A new event of a kind, as a consumer produces it: its id derived from the kind's identity fields. */
export function newEvent<K extends EventKindDefinition>(kind: K, content: NewEvent<K>, receivedAt = new Date()): Event<K> {
  const identity = kind.identity ? Object.fromEntries(kind.identity.map((name) => [name, valueOf(content.payload, name)])) : content.payload;
  return {
    id: deriveEventId(kind.name, content.deviceId, content.time, identity),
    kind: kind.name,
    deviceId: content.deviceId,
    time: content.time,
    receivedAt,
    payload: content.payload,
  };
}

const valueOf = (payload: object, name: string): unknown => Object.entries(payload).find(([key]) => key === name)?.[1];

let lastReceivedAt: Date | undefined;
let lastReceivedMs = NaN;
let lastReceivedText = '';

/** receivedAt as ISO-8601: the events of a batch share one Date, so the last one's text is kept. */
function receivedAtText(receivedAt: Date): string {
  const ms = receivedAt.getTime();
  if (receivedAt !== lastReceivedAt || ms !== lastReceivedMs) [lastReceivedAt, lastReceivedMs, lastReceivedText] = [receivedAt, ms, receivedAt.toISOString()];
  return lastReceivedText;
}

let lastReceivedAtText = '';
let lastReceivedAtTime = new Date(NaN);

/** receivedAt from the wire: the events of a batch share one, so the last one's Date is kept (as the API shares one Date per batch). */
function receivedAtOfText(text: string): Date {
  if (text !== lastReceivedAtText) [lastReceivedAtText, lastReceivedAtTime] = [text, timeOfStoredText(text)];
  return lastReceivedAtTime;
}

/**
 * event → wire. Dates become ISO-8601, unset optional fields are left out. The envelope's own Dates
 * are written as text before JSON.stringify sees them: its Date.toJSON path made encoding 3× slower.
 */
const envelopeOf = (event: Event) => ({ id: event.id, kind: event.kind, deviceId: event.deviceId, time: isoText(event.time), receivedAt: receivedAtText(event.receivedAt), payload: event.payload });

export const encodeEvent = (event: Event): string => JSON.stringify(envelopeOf(event));

/** events → bus messages: each on its kind's topic, keyed by device, in order. */
export function messagesByTopic(events: readonly Event[]): { topic: string; messages: { key: string; value: string }[] }[] {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const event of events) {
    const { topic } = definitionOf(event);
    let messages = byTopic.get(topic);
    if (!messages) byTopic.set(topic, (messages = []));
    messages.push({ key: event.deviceId, value: encodeEvent(event) });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Whether an event is of this kind; its payload then has the kind's type, as the codec validated it by that kind. */
export const isEventOf = <K extends EventKindDefinition>(kind: K, event: Event): event is Event<K> => event.kind === kind.name;

/** The definition of an event's kind; every event this codec made is of a catalogue kind. */
export function definitionOf(event: Event): EventKindDefinition {
  const kind = kindNamed(event.kind);
  if (!kind) throw new Error(`unknown kind "${event.kind}"`);
  return kind;
}

// Compiled (see payloadSchema): every message a consumer reads passes it.
const envelopeSchema = z.compile(
  z.object({
    id: z.string().min(1).max(256),
    kind: z.string(),
    deviceId: z.string().min(1).max(128),
    // Checked here, parsed after: a zod transform per time cost more than the parse itself.
    time: z.iso.datetime({ offset: true }),
    receivedAt: z.iso.datetime({ offset: true }),
    payload: z.record(z.string(), z.unknown()),
  }),
);

/** What reading one bus message came to: an event of a kind the reader takes, why it is no event, or the kind it does not take. */
export type Decoded<In extends EventKindDefinition = EventKindDefinition> = { event: EventOfKinds<In> } | { error: string } | { skipped: EventKindDefinition };

/**
 * wire → event, validated: anything that is not a well-formed envelope of a known kind with a valid
 * payload is an error saying why. An event of a kind not among `reads` (other kinds share its topic)
 * is skipped before its payload is checked.
 */
export function decodeEvent<In extends EventKindDefinition>(value: string | null, reads: readonly In[]): Decoded<In> {
  if (value === null) return { error: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  return eventOfJson(json, reads);
}

function eventOfJson<In extends EventKindDefinition>(json: unknown, reads: readonly In[]): Decoded<In> {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { error: `not an envelope: ${envelope.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
  const kind = kindNamed(envelope.data.kind);
  if (!kind) return { error: `unknown kind "${envelope.data.kind}"` };
  if (!reads.some((read) => read === kind)) return { skipped: kind };
  const payload = safeParseQuotingInput(payloadSchema(kind, 'wire'), envelope.data.payload);
  if (!payload.success) return { error: `${kind.name} payload invalid: ${problemsOf(payload.error).map((p) => `${p.field} ${p.message}`).join('; ')}` };
  const { id, deviceId, time, receivedAt } = envelope.data;
  const event: Event = { id, kind: kind.name, deviceId, time: timeOfStoredText(time), receivedAt: receivedAtOfText(receivedAt), payload: payload.data };
  return isOfKinds(event, reads) ? { event } : { skipped: kind };
}

/** The payload was validated by the schema of the event's own kind, which is one of these. */
const isOfKinds = <In extends EventKindDefinition>(event: Event, kinds: readonly In[]): event is EventOfKinds<In> => kinds.some((kind) => kind.name === event.kind);

/** Several events → wire, as one JSON array (the stored-events announcement). */
/**
 * An event as the persistence consumer announces it once stored: where it moved (an updatable kind's
 * event sent again at another time), the time it had before, whose row is gone.
 */
export interface AnnouncedEvent extends Event {
  movedFrom?: Date;
}

/** Announced events → the stored-events channel's message: a JSON array of envelopes, a moved one with `movedFrom`. */
export const encodeEvents = (events: readonly AnnouncedEvent[]): string =>
  JSON.stringify(events.map((e) => (e.movedFrom ? { ...envelopeOf(e), movedFrom: e.movedFrom.toISOString() } : envelopeOf(e))));

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null;

/**
 * wire (a JSON array of envelopes) → events, trusted: only the persistence consumer writes it, of
 * events it decoded and stored, so they are not validated again on every API instance.
 */
export function decodeEvents(text: string): AnnouncedEvent[] {
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json)) throw new Error('expected a JSON array of envelopes');
  return json.map((envelope: unknown) => {
    const kind = isRecord(envelope) ? kindNamed(String(envelope.kind)) : undefined;
    if (!kind || !isRecord(envelope) || !isRecord(envelope.payload)) throw new Error(`not an envelope of a known kind: ${JSON.stringify(envelope)}`);
    const { payload } = envelope;
    const event = storedEvent(kind, { id: envelope.id, deviceId: envelope.deviceId, time: envelope.time, receivedAt: envelope.receivedAt }, (name) => payload[name]);
    return typeof envelope.movedFrom === 'string' ? { ...event, movedFrom: timeOfStoredText(envelope.movedFrom) } : event;
  });
}

/** An event from what Lifestream itself stored (a row, an announcement): timestamps from ISO-8601, unset fields left out. */
function storedEvent(kind: EventKindDefinition, common: Record<'id' | 'deviceId' | 'time' | 'receivedAt', unknown>, field: (name: string) => unknown): Event {
  const payload: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(kind.fields)) {
    const value = field(name);
    if (value === null || value === undefined) continue;
    payload[name] = f.type === 'timestamp' ? timeOfStoredText(String(value)) : value;
  }
  return {
    id: String(common.id),
    kind: kind.name,
    deviceId: String(common.deviceId),
    time: timeOfStoredText(String(common.time)),
    receivedAt: timeOfStoredText(String(common.receivedAt)),
    payload,
  };
}

/** A row of a kind's table as it is sent to PostgreSQL, by column name (snake_case, as db/tables.ts names them): the common columns and one per field, NULL when unset. */
export interface EventRow {
  id: string;
  device_id: string;
  /** ISO-8601, as PostgreSQL reads it back exactly. */
  time: string;
  received_at: string;
  [column: string]: unknown;
}

const columnsByKind = new Map<EventKindDefinition, [string, string][]>();

/** A kind's [field, column] pairs. */
function columnsOf(kind: EventKindDefinition): readonly [string, string][] {
  let columns = columnsByKind.get(kind);
  if (!columns) columnsByKind.set(kind, (columns = Object.keys(kind.fields).map((name): [string, string] => [name, snakeCase(name)])));
  return columns;
}

/** event → row. */
export function rowOf(event: Event): EventRow {
  const row: EventRow = { id: event.id, device_id: event.deviceId, time: isoText(event.time), received_at: receivedAtText(event.receivedAt) };
  for (const [name, column] of columnsOf(definitionOf(event))) row[column] = event.payload[name] ?? null;
  return row;
}

/** row (to_jsonb of a kind's table: snake_case keys, timestamps as ISO-8601 strings) → event. Trusted: Lifestream wrote it. */
export function eventOfRow(kind: EventKindDefinition, row: Readonly<Record<string, unknown>>): Event {
  return storedEvent(kind, { id: row.id, deviceId: row.device_id, time: row.time, receivedAt: row.received_at }, (name) => row[snakeCase(name)]);
}

/** An event on the timeline: with its kind's definition and its exact position for cursors; delivered live, where it moved from. */
export interface TimelineRow extends AnnouncedEvent {
  definition: EventKindDefinition;
  /** Microseconds since the epoch: PostgreSQL's own precision, exact in cursors. */
  timeUs: bigint;
}

/** event → timeline. */
export function timelineRowOf(event: AnnouncedEvent): TimelineRow {
  return { ...event, definition: definitionOf(event), timeUs: epochMicroseconds(event.time) };
}

/**
 * What identifies an event: its kind, device, time (to the microsecond) and id. Two devices may
 * use the same id, and one device the same id at two times; an event sent again with all four the
 * same is the same event (stored once, or corrected: db/persist.ts).
 */
export const eventKey = (event: Event): string =>
  // Built per event on the write path, so plain concatenation: the device's length before it, and
  // nothing but the id after the NUL behind the time, keep two different events' keys apart.
  `${event.kind}\u0000${event.deviceId.length}:${event.deviceId}${event.time.getTime()}.${event.time instanceof MicrosecondTime ? event.time.microseconds : 0}\u0000${event.id}`;
