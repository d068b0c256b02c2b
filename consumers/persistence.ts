// The one writer of event rows: reads every kind, stores each event in its kind's table, and
// announces what was new for live subscriptions.
import { catalogue } from '../schema/catalogue.ts';
import { encodeEvents } from '../schema/event-codec.ts';
import { insertEvents } from '../db/persist.ts';
import { defineConsumer } from './consumer.ts';

/** Where newly stored events are announced, for live subscriptions on every API instance. */
export const storedEventsChannel = 'lifestream:stored-events';

export const persistence = defineConsumer({
  name: 'persistence',
  reads: catalogue,
  emits: [],
  start: ({ store, cache }) => ({
    async handle(events) {
      const stored = await insertEvents(store, events);
      if (stored.length > 0) await cache.publish(storedEventsChannel, encodeEvents(stored));
    },
  }),
});
