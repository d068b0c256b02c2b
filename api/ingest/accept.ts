// Accepting validated events: blob bytes into the blob store, envelopes onto the kinds' topics.
// Resolves only once the bus holds them durably: that is what "accepted" promises the device.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Bus, OutgoingMessage } from '../../consumers/bus/port.ts';
import { eventOfInput, messageOf, type ValidInput } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';

export async function acceptEvents(inputs: readonly ValidInput[], deps: { bus: Bus; blobs: BlobStore; now: Date }): Promise<Event[]> {
  const events: Event[] = [];
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const input of inputs) {
    const event = await eventOfInput(input, deps.now, (bytes) => deps.blobs.put(bytes));
    events.push(event);
    const { topic, key, value } = messageOf(event);
    let messages = byTopic.get(topic);
    if (!messages) byTopic.set(topic, (messages = []));
    messages.push({ key, value });
  }
  await deps.bus.produce([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  return events;
}
