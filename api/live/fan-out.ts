// Live delivery inside one API instance: events the persistence consumer announces on the Cache
// (Redis pub/sub across instances, memory when embedded) go to every matching subscriber of this
// instance. Each subscriber has its own bounded queue (graphql-ws sends one message at a time,
// waiting for the socket): one whose queue overflows is dropped, never the data and never the
// others; it resumes from its last cursor with the timeline query. A client that stops answering
// altogether is ended sooner by the WebSocket keep-alive (see subscriptions.ts).
import type { Cache } from '../../db/cache/port.ts';
import { decodeEvents, timelineRowOf, type TimelineRow } from '../../schema/event-codec.ts';
import { storedEventsChannel } from '../../db/cache/channels.ts';
import { liveSubscriptions, overflowedSubscriptions } from './metrics.ts';

export interface LiveFilter {
  kinds?: ReadonlySet<string>;
  deviceIds?: ReadonlySet<string>;
  /** Payload fields that must equal these values, e.g. one recording's fileId. */
  fieldEquals?: readonly { field: string; value: string }[];
}

export interface LiveConnection {
  /** Ends the client's connection, with a WebSocket close code and reason. */
  close(code: number, reason: string): void;
}

export const matches = (filter: LiveFilter, row: TimelineRow): boolean =>
  (!filter.kinds || filter.kinds.has(row.kind)) &&
  (!filter.deviceIds || filter.deviceIds.has(row.deviceId)) &&
  (filter.fieldEquals ?? []).every(({ field, value }) => String(row.payload[field] ?? '') === value);

/** The close code for a subscriber dropped because its queue overflowed. */
export const tooSlowCloseCode = 4429;

interface Subscriber {
  tokenId: string;
  filter: LiveFilter;
  connection?: LiveConnection;
  queue: TimelineRow[];
  wake?: () => void;
  ended: boolean;
}

export interface FanOut {
  subscribe(filter: LiveFilter, tokenId: string, connection?: LiveConnection): AsyncIterableIterator<TimelineRow>;
  subscriptionsOf(tokenId: string): number;
  /** Ends every subscription of a token, e.g. when it is revoked. */
  endToken(tokenId: string): void;
  close(): Promise<void>;
}

export async function startFanOut(cache: Cache, options: { maxQueue: number }): Promise<FanOut> {
  const subscribers = new Set<Subscriber>();

  const end = (subscriber: Subscriber) => {
    if (subscriber.ended) return;
    subscriber.ended = true;
    subscribers.delete(subscriber);
    liveSubscriptions.dec();
    subscriber.wake?.();
  };

  const drop = (subscriber: Subscriber) => {
    overflowedSubscriptions.inc();
    subscriber.queue.length = 0;
    end(subscriber);
    subscriber.connection?.close(tooSlowCloseCode, 'subscriber too slow: dropped; resume with timeline(after: <last cursor>)');
  };

  const deliver = (row: TimelineRow) => {
    for (const subscriber of subscribers) {
      if (!matches(subscriber.filter, row)) continue;
      if (subscriber.queue.length >= options.maxQueue) {
        drop(subscriber);
        continue;
      }
      subscriber.queue.push(row);
      subscriber.wake?.();
    }
  };

  const unsubscribe = await cache.subscribe(storedEventsChannel, (message) => {
    if (subscribers.size === 0) return;
    for (const event of decodeEvents(message)) deliver(timelineRowOf(event));
  });

  return {
    subscribe(filter, tokenId, connection) {
      const subscriber: Subscriber = { tokenId, filter, connection, queue: [], ended: false };
      subscribers.add(subscriber);
      liveSubscriptions.inc();
      const iterator: AsyncIterableIterator<TimelineRow> = {
        async next() {
          while (subscriber.queue.length === 0 && !subscriber.ended) {
            await new Promise<void>((resolve) => (subscriber.wake = resolve));
            subscriber.wake = undefined;
          }
          const row = subscriber.queue.shift();
          return row ? { value: row, done: false } : { value: undefined, done: true };
        },
        async return() {
          end(subscriber);
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    subscriptionsOf: (tokenId) => [...subscribers].filter((s) => s.tokenId === tokenId).length,
    endToken(tokenId) {
      for (const subscriber of subscribers) if (subscriber.tokenId === tokenId) end(subscriber);
    },
    async close() {
      await unsubscribe();
      for (const subscriber of subscribers) end(subscriber);
    },
  };
}
