// The persistence consumer's work in a worker thread (persistence-worker.ts), beside the event loop
// that serves the API: decoding, rows, JSON and the database round trip of every event. The bus's
// messages go to it as they came, undecoded (a string costs little to post, where cloning decoded
// events would cost about what the thread saves); what it stored, this thread announces on the cache.
// A worker that dies fails its batch like any failed attempt (the runtime retries it, uncommitted);
// the next batch starts a new one.
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Cache } from '../db/cache/port.ts';
import type { MessageHandlers, MessageRejection } from './consumer.ts';
import { newWorker } from './images/worker-pool.ts';
import type { FromPersistenceWorker, PersistenceWorkerSettings, ToPersistenceWorker } from './persistence-worker.ts';
import { crossedFailure, revivedFailure } from './thread-failure.ts';

/** The thread's name, and its connection's application_name in pg_stat_activity. */
export const persistenceWorkerName = 'lifestream persistence';

/** How long a closing worker may take to end its connection before it is stopped. */
const closeTimeoutMs = 5_000;

interface InFlight {
  thread: Worker;
  resolve(result: { rejected: MessageRejection[] }): void;
  reject(error: Error): void;
}

export function openPersistenceWorker(databaseUrl: string, cache: Pick<Cache, 'publish'>): MessageHandlers {
  const settings: PersistenceWorkerSettings = { databaseUrl, name: persistenceWorkerName };
  const inFlight = new Map<number, InFlight>();
  let worker: Worker | undefined;
  let nextBatch = 0;
  let closing: Promise<void> | undefined;

  function start(): Worker {
    const thread = newWorker(new URL('./persistence-worker.ts', import.meta.url), { workerData: settings, name: persistenceWorkerName });
    // Each message is what persistence-worker.ts posts: a FromPersistenceWorker.
    thread.on('message', (message: FromPersistenceWorker) => {
      if ('publish' in message) {
        cache.publish(message.channel, message.message).then(
          () => thread.postMessage({ published: message.publish } satisfies ToPersistenceWorker),
          (error: unknown) => thread.postMessage({ published: message.publish, failure: crossedFailure(error) } satisfies ToPersistenceWorker),
        );
        return;
      }
      const batch = inFlight.get(message.batch);
      inFlight.delete(message.batch);
      if ('failure' in message) batch?.reject(revivedFailure(message.failure));
      else batch?.resolve({ rejected: message.rejected });
    });
    const gone = (why: string) => {
      if (worker === thread) worker = undefined;
      for (const [id, batch] of inFlight) {
        if (batch.thread !== thread) continue;
        inFlight.delete(id);
        batch.reject(new Error(`the persistence worker ${why} while storing a batch`));
      }
    };
    thread.on('error', (error) => gone(`failed (${error.message})`));
    thread.on('exit', (code) => gone(`exited with code ${code}`));
    return thread;
  }

  worker = start();
  return {
    handleMessages(values) {
      if (closing) return Promise.reject(new Error('the persistence worker is closed'));
      const thread = (worker ??= start());
      return new Promise((resolve, reject) => {
        const batch = nextBatch++;
        inFlight.set(batch, { thread, resolve, reject });
        thread.postMessage({ batch, values } satisfies ToPersistenceWorker);
      });
    },
    close() {
      closing ??= (async () => {
        const thread = worker;
        worker = undefined;
        if (!thread) return;
        const ended = once(thread, 'exit');
        thread.postMessage({ close: true } satisfies ToPersistenceWorker);
        const stop = setTimeout(() => void thread.terminate(), closeTimeoutMs);
        await ended;
        clearTimeout(stop);
      })();
      return closing;
    },
  };
}
