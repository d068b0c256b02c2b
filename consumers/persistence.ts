// The one writer of event rows: reads every event topic and stores each envelope in its kind's table.
import { eventTopicNames, kindNamed } from '../schema/catalogue.ts';
import { payloadSchema, problemsOf } from '../schema/validation.ts';
import { insertEvents } from '../db/persist.ts';
import type { Store } from '../db/store.ts';
import type { ConsumerDefinition, Rejection } from './consumer.ts';

export function persistenceConsumer(store: Store): ConsumerDefinition {
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
      await insertEvents(store, valid);
      return { rejected };
    },
  };
}
