// The Kafka message value every event travels in (DESIGN.md, "Kafka"): key = deviceId.
import type { Payload } from './event-kind.ts';

export interface Envelope {
  id: string;
  kind: string;
  deviceId: string;
  /** Event time, ISO-8601. */
  time: string;
  /** When the API accepted it, ISO-8601. */
  receivedAt: string;
  /** The kind's fields; blob fields hold a BlobRef, timestamps ISO-8601 strings. */
  payload: Payload;
}

/** A blob field's value on the wire and in storage: the bytes live in the blob store under sha256. */
export interface BlobRef {
  sha256: string;
  byteSize: number;
  mimeType: string;
}
