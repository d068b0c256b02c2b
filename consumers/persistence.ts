// The one writer of event rows: reads every event topic, stores each envelope in its kind's table,
// and announces what was new for live subscriptions. Storing and announcing succeed or fail as one:
// rows an attempt stored but could not announce (the cache away) are announced by the attempt
// that retries the batch, though by then they are no longer new.
import { eventTopicNames, kindNamed } from '../schema/catalogue.ts';
import { payloadSchema, problemsOf } from '../schema/validation.ts';
import { insertEvents } from '../db/persist.ts';
import type { Cache } from '../db/cache/port.ts';
import type { Store } from '../db/store.ts';
import type { Envelope } from '../schema/envelope.ts';
import type { ConsumerDefinition, Rejection } from './consumer.ts';

/** Where newly stored events are announced, for live subscriptions on every API instance. */
export const storedEventsChannel = 'lifestream:stored-events';

const storedKey = (envelope: Envelope) => `${envelope.kind}:${envelope.id}`;

export function persistenceConsumer(store: Store, cache: Cache): ConsumerDefinition {
  // Stored by a failed attempt, not yet announced: only the batch in flight's, until its retry announces them.
  const unannounced = new Map<string, Envelope>();
  return {
    name: 'persistence',
    inputTopics: eventTopicNames(),
    outputTopics: [],
    async handle(envelopes) {
      const rejected: Rejection[] = [];
      const valid = envelopes.filter((envelope) => {
        const kind = kindNamed(envelope.kind);
        const parsed = kind && payloadSchema(kind, 'wire').safeParse(envelope.payload, { reportInput: true });
        if (parsed?.success) {
          envelope.payload = parsed.data;
          return true;
        }
        const why = parsed ? problemsOf(parsed.error).map((p) => `${p.field} ${p.message}`).join('; ') : 'unknown kind';
        rejected.push({ envelope, error: `${envelope.kind} payload invalid: ${why}` });
        return false;
      });
      for (const envelope of await insertEvents(store, valid)) unannounced.set(storedKey(envelope), envelope);
      const announcing = valid.flatMap((envelope) => unannounced.get(storedKey(envelope)) ?? []);
      if (announcing.length > 0) await cache.publish(storedEventsChannel, JSON.stringify(announcing));
      for (const envelope of announcing) unannounced.delete(storedKey(envelope));
      return { rejected };
    },
  };
}
