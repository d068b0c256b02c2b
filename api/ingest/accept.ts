// Accepting validated events: blob bytes into the blob store, envelopes onto the kinds' topics.
// Resolves only once the bus holds them durably: that is what "accepted" promises the device.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Bus, OutgoingMessage } from '../../consumers/bus/port.ts';
import type { BlobRef, Envelope } from '../../schema/envelope.ts';
import type { ValidEvent } from './validate.ts';

async function wirePayload(event: ValidEvent, blobs: BlobStore): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(event.payload)) {
    const f = event.kind.fields[name];
    if (value === undefined) continue;
    if (f?.type === 'blob') {
      const { base64, mimeType } = value as { base64: string; mimeType: string };
      const bytes = Buffer.from(base64, 'base64');
      const ref: BlobRef = { sha256: await blobs.put(bytes), byteSize: bytes.byteLength, mimeType };
      payload[name] = ref;
    } else {
      payload[name] = value instanceof Date ? value.toISOString() : value;
    }
  }
  return payload;
}

export async function acceptEvents(events: ValidEvent[], deps: { bus: Bus; blobs: BlobStore; now: Date }): Promise<Envelope[]> {
  const receivedAt = deps.now.toISOString();
  const envelopes: Envelope[] = [];
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const event of events) {
    const envelope: Envelope = {
      id: event.id,
      kind: event.kind.name,
      deviceId: event.deviceId,
      time: event.time.toISOString(),
      receivedAt,
      payload: await wirePayload(event, deps.blobs),
    };
    envelopes.push(envelope);
    let messages = byTopic.get(event.kind.topic);
    if (!messages) byTopic.set(event.kind.topic, (messages = []));
    messages.push({ key: envelope.deviceId, value: JSON.stringify(envelope) });
  }
  await deps.bus.produce([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  return envelopes;
}
