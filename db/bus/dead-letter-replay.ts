// Sending dead letters back to the topic they came from, once the cause is fixed (a consumer's bug,
// a model that was missing). The dead-letter topic keeps them, as Kafka keeps everything; the replay
// group's committed offset marks how far they were sent back, so a second replay sends only newer ones.
import { dlqTopic } from '../../schema/naming.ts';
import type { Bus, OutgoingMessage } from './port.ts';

/** The consumer group whose offsets on <topic>.dlq mark the dead letters already sent back. */
export const replayGroupId = (groupPrefix: string) => `${groupPrefix}.dlq-replay`;

/** What the runtime added when it dead-lettered a message; the rest of its headers are the message's own. */
const deadLetterHeader = /^lifestream-(error|consumer|source|failed-at)$/;

/** The dead letter as it was first produced, and where it came from. */
export function replayed(letter: { key: string | null; value: string | null; headers: Record<string, string> }): OutgoingMessage {
  const headers = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !deadLetterHeader.test(name)));
  const source = letter.headers['lifestream-source'];
  return { key: letter.key ?? '', value: letter.value ?? '', headers: source ? { ...headers, 'lifestream-replayed-from': source } : headers };
}

/** Produces up to `limit` dead letters of `topic` (the oldest not yet replayed) back to `topic`; resolves with how many. */
export async function replayDeadLetters(bus: Bus, topic: string, options: { groupPrefix: string; limit: number }): Promise<number> {
  const groupId = replayGroupId(options.groupPrefix);
  const deadLetters = dlqTopic(topic);
  const wanted = Math.min(options.limit, await bus.backlog(groupId, deadLetters));
  if (wanted === 0) return 0;
  let moved = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscription = await bus.subscribe({
    groupId,
    topics: [deadLetters],
    async eachBatch(batch) {
      const taking = batch.messages.slice(0, Math.max(0, wanted - moved));
      if (taking.length > 0) await bus.produce([{ topic, messages: taking.map(replayed) }]);
      moved += taking.length;
      if (moved >= wanted) done();
      return taking.length < batch.messages.length ? { handledThrough: taking.at(-1)?.offset ?? String(BigInt(batch.messages[0]!.offset) - 1n) } : undefined;
    },
  });
  await finished;
  await subscription.stop();
  return moved;
}
