// The one writer of event rows: reads every event topic, stores each envelope in its kind's table,
// and announces what was new for live subscriptions.
import { eventTopicNames, kindNamed } from '../schema/catalogue.ts';
import { payloadSchema, problemsOf } from '../schema/validation.ts';
import { insertEvents } from '../db/persist.ts';
import type { Cache } from '../db/cache/port.ts';
import type { Store } from '../db/store.ts';
import type { ConsumerDefinition, Rejection } from './consumer.ts';

/** Where newly stored events are announced, for live subscriptions on every API instance. */
export const storedEventsChannel = 'lifestream:stored-events';

export function persistenceConsumer(store: Store, cache: Cache): ConsumerDefinition {
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
      const stored = await insertEvents(store, valid);
      if (stored.length > 0) await cache.publish(storedEventsChannel, JSON.stringify(stored));
      return { rejected };
    },
  };
}
