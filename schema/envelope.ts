// The Kafka message value every event travels in (DESIGN.md, "Kafka"): key = deviceId.
import { z } from 'zod';

export interface Envelope {
  id: string;
  kind: string;
  deviceId: string;
  /** Event time, ISO-8601. */
  time: string;
  /** When the API accepted it, ISO-8601. */
  receivedAt: string;
  /** The kind's fields; blob fields hold a BlobRef, timestamps ISO-8601 strings. */
  payload: Record<string, unknown>;
}

/** A blob field's value on the wire and in storage: the bytes live in the blob store under sha256. */
export const blobRefSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), byteSize: z.number().int().min(0), mimeType: z.string() });

export type BlobRef = z.infer<typeof blobRefSchema>;
