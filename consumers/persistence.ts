// The one writer of event rows: reads every kind, stores each event in its kind's table, and
// announces what was new or corrected for live subscriptions (a moved one with the time it left). Storing and announcing succeed or fail as one:
// rows an attempt stored but could not announce (the cache away) are announced by the attempt that
// retries the batch, though by then they are no longer new.
import { catalogue } from '../schema/catalogue.ts';
import { encodeEvents, eventKey, type AnnouncedEvent } from '../schema/event-codec.ts';
import { storedEventsChannel } from '../db/cache/channels.ts';
import { insertEvents } from '../db/persist.ts';
import { defineConsumer } from './consumer.ts';


export const persistence = defineConsumer({
  name: 'persistence',
  reads: catalogue,
  emits: [],
  start: ({ store, cache }) => {
    // Stored by a failed attempt, not yet announced: only the batch in flight's, until its retry announces them.
    const unannounced = new Map<string, AnnouncedEvent>();
    return {
      async handle(events) {
        const stored = await insertEvents(store, events);
        if (unannounced.size === 0 && stored.length > 0 && stored.length === events.length) {
          // Every event new and none twice (insertEvents stores each key once), in the batch's order:
          // announced as they are, without a key each (two per event were a tenth of this consumer's work).
          try {
            await cache.publish(storedEventsChannel, encodeEvents(stored));
          } catch (error) {
            for (const event of stored) unannounced.set(eventKey(event), event);
            throw error;
          }
          return;
        }
        for (const event of stored) unannounced.set(eventKey(event), event);
        if (unannounced.size === 0) return;
        const announcing = new Map<string, AnnouncedEvent>();
        for (const event of events) {
          const key = eventKey(event);
          const stored = unannounced.get(key);
          if (stored) announcing.set(key, stored);
        }
        if (announcing.size > 0) await cache.publish(storedEventsChannel, encodeEvents([...announcing.values()]));
        for (const key of announcing.keys()) unannounced.delete(key);
      },
    };
  },
});
