// The persistence consumer's work on a batch (run in its worker thread): store each event in its
// kind's table, and announce what was new or corrected for live subscriptions (a moved one with the
// time it left). Storing and announcing succeed or fail as one: rows an attempt stored but could not
// announce (the cache away) are announced by the attempt that retries the batch, though by then they
// are no longer new.
import { storedEventsChannel } from '../db/cache/channels.ts';
import type { Cache } from '../db/cache/port.ts';
import { insertEvents } from '../db/persist.ts';
import type { Store } from '../db/store.ts';
import { encodeEvents, eventKey, type AnnouncedEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';

/** Stores and announces one batch at a time; throwing means the batch is to be tried again. */
export function persistAndAnnounce(store: Store, cache: Pick<Cache, 'publish'>): (events: readonly Event[]) => Promise<void> {
  // Stored by a failed attempt, not yet announced: only the batch in flight's, until its retry announces them.
  const unannounced = new Map<string, AnnouncedEvent>();
  return async (events) => {
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
  };
}
