// Accepting validated events: blob bytes into the blob store, envelopes onto the kinds' topics.
// Resolves only once the bus holds them durably: that is what "accepted" promises the device.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Bus } from '../../consumers/bus/port.ts';
import { eventOfInput, messagesByTopic, type ValidInput } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';

export async function acceptEvents(inputs: readonly ValidInput[], deps: { bus: Bus; blobs: BlobStore; now: Date }): Promise<Event[]> {
  const events: Event[] = [];
  for (const input of inputs) events.push(await eventOfInput(input, deps.now, (bytes) => deps.blobs.put(bytes)));
  await deps.bus.produce(messagesByTopic(events));
  return events;
}
