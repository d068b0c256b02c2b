// An event as Lifestream code holds it in memory, typed by its kind: what consumers handle and emit,
// what the API accepts and the timeline returns. schema/event-codec.ts converts it to every other form.
import type { EventKindDefinition } from './event-kind.ts';
import type { PayloadOfFields } from './fields.ts';

/** The payload of a kind's events: timestamps are Dates, blobs a BlobRef, optional fields absent when unset. */
export type PayloadOfKind<K extends EventKindDefinition> = PayloadOfFields<K['fields']>;

export interface Event<K extends EventKindDefinition = EventKindDefinition> {
  id: string;
  kind: K['name'];
  deviceId: string;
  /** When it happened. */
  time: Date;
  /** When the API accepted it, or a consumer produced it. */
  receivedAt: Date;
  payload: PayloadOfKind<K>;
}

/** An event a producer derives, before the codec gives it an id (from the kind's identity fields) and receivedAt. */
export interface NewEvent<K extends EventKindDefinition> {
  deviceId: string;
  time: Date;
  payload: PayloadOfKind<K>;
}

/** An event of any of these kinds, narrowed by testing its `kind`. */
export type EventOfKinds<K extends EventKindDefinition> = K extends EventKindDefinition ? Event<K> : never;
