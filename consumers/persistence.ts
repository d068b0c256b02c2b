// The one writer of event rows: reads every kind, stores each event in its kind's table, and
// announces what was new or corrected for live subscriptions (persist-and-announce.ts). The work runs
// in a worker thread of its own (persistence-in-worker.ts), beside the thread that serves the API.
import { catalogue } from '../schema/catalogue.ts';
import { defineConsumer } from './consumer.ts';
import { openPersistenceWorker } from './persistence-in-worker.ts';

export const persistence = defineConsumer({
  name: 'persistence',
  reads: catalogue,
  emits: [],
  start: ({ databaseUrl, cache }) => openPersistenceWorker(databaseUrl, cache),
});
