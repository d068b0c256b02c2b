// The thread the persistence consumer's work runs in (started by persistence-in-worker.ts): it
// decodes the bus's messages, stores their events on a connection of its own, and has the thread
// that started it announce them on the cache (which may live in that thread: the embedded default).
import { parentPort, workerData } from 'node:worker_threads';
import { openPostgresStore } from '../db/postgres.ts';
import { catalogue } from '../schema/catalogue.ts';
import { decodeEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { MessageRejection } from './consumer.ts';
import { persistAndAnnounce } from './persist-and-announce.ts';
import { crossedFailure, revivedFailure, type CrossedFailure } from './thread-failure.ts';

export interface PersistenceWorkerSettings {
  databaseUrl: string;
  /** Names the thread (in a debugger) and its database connection (pg_stat_activity's application_name). */
  name: string;
}

/** From the starting thread: a batch's message values, the answer to a publish, or the end. */
export type ToPersistenceWorker = { batch: number; values: readonly (string | null)[] } | { published: number; failure?: CrossedFailure } | { close: true };

/** To the starting thread: a batch stored (but for the rejected), a batch failed, or something to publish on the cache. */
export type FromPersistenceWorker = { batch: number; rejected: MessageRejection[] } | { batch: number; failure: CrossedFailure } | { publish: number; channel: string; message: string };

const port = parentPort;
if (!port) throw new Error('persistence-worker.ts runs in the worker thread persistence-in-worker.ts starts');
// The PersistenceWorkerSettings persistence-in-worker.ts starts this thread with.
const settings: PersistenceWorkerSettings = workerData;
// One batch at a time: one connection, on which each kind's INSERT is prepared once.
const store = openPostgresStore(settings.databaseUrl, { maxConnections: 1, applicationName: settings.name });

const publishing = new Map<number, { resolve(): void; reject(error: Error): void }>();
let nextPublish = 0;
const persist = persistAndAnnounce(store, {
  publish: (channel, message) =>
    new Promise<void>((resolve, reject) => {
      const id = nextPublish++;
      publishing.set(id, { resolve, reject });
      port.postMessage({ publish: id, channel, message } satisfies FromPersistenceWorker);
    }),
});

/** Decodes the values as the runtime would; stores the events; answers with what never decodes, by place. */
async function storeBatch(values: readonly (string | null)[]): Promise<MessageRejection[]> {
  const rejected: MessageRejection[] = [];
  const events: Event[] = [];
  values.forEach((value, index) => {
    const decoded = decodeEvent(value, catalogue);
    if ('error' in decoded) rejected.push({ index, error: decoded.error });
    else if ('event' in decoded) events.push(decoded.event);
  });
  if (events.length > 0) await persist(events);
  return rejected;
}

port.on('message', async (message: ToPersistenceWorker) => {
  if ('published' in message) {
    const waiting = publishing.get(message.published);
    publishing.delete(message.published);
    if (message.failure) waiting?.reject(revivedFailure(message.failure));
    else waiting?.resolve();
  } else if ('close' in message) {
    await store.close();
    port.close();
  } else {
    let answer: FromPersistenceWorker;
    try {
      answer = { batch: message.batch, rejected: await storeBatch(message.values) };
    } catch (error) {
      answer = { batch: message.batch, failure: crossedFailure(error) };
    }
    port.postMessage(answer);
  }
});
