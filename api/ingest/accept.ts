// Accepting validated events: blob bytes into the blob store, envelopes onto the kinds' topics.
// Resolves only once the bus holds them durably: that is what "accepted" promises the device. An
// event whose blob is refused (too large, not its declared type) is rejected alone.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Bus } from '../../db/bus/port.ts';
import { eventOfBloblessInput, eventOfInput, isBlobless, messagesByTopic } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { BlobRefused, storeBlob } from './store-blob.ts';
import type { RejectedEvent, ValidEvent } from './validate.ts';

export interface AcceptedEvents {
  /** With each event its position in the batch. */
  accepted: { index: number; event: Event }[];
  rejected: RejectedEvent[];
}

export async function acceptEvents(inputs: readonly ValidEvent[], deps: { bus: Bus; blobs: BlobStore; now: Date }): Promise<AcceptedEvents> {
  const result: AcceptedEvents = { accepted: [], rejected: [] };
  for (const input of inputs) {
    if (isBlobless(input.kind)) {
      result.accepted.push({ index: input.index, event: eventOfBloblessInput(input, deps.now) });
      continue;
    }
    try {
      const event = await eventOfInput(input, deps.now, (value, f, name) => storeBlob(value, f, name, deps.blobs));
      result.accepted.push({ index: input.index, event });
    } catch (e) {
      if (!(e instanceof BlobRefused)) throw e;
      const kind = input.kind.name;
      result.rejected.push({ index: input.index, kind, field: e.field, code: 'INVALID_FIELD', message: `event ${input.index} (${kind}): ${e.message}` });
    }
  }
  await deps.bus.produce(messagesByTopic(result.accepted.map(({ event }) => event)));
  return result;
}
