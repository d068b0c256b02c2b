// Per-event validation of an ingest batch: every event is judged on its own, so good events are
// accepted beside bad ones and each bad one is reported with its index, kind, field and reason.
import { z } from 'zod';
import { idOfInput, type ValidInput } from '../../schema/event-codec.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import { payloadSchema, problemsOf, timestampSchema, type PayloadForm } from '../../schema/validation.ts';

export interface IncomingEvent {
  /** The kind, or the name a client gave that matched none. */
  kind: EventKindDefinition | string;
  /** id?, deviceId, time and the kind's fields. */
  input: Record<string, unknown>;
}

/** An event that passed, with its position in the batch; schema/event-codec.ts makes it an envelope. */
export interface ValidEvent extends ValidInput {
  index: number;
}

export type RejectionCode = 'INVALID_FIELD' | 'TIME_OUT_OF_RANGE' | 'UNKNOWN_KIND' | 'FORBIDDEN_DEVICE';

export interface RejectedEvent {
  index: number;
  kind: string;
  field: string;
  code: RejectionCode;
  message: string;
}

export interface ValidationLimits {
  now: Date;
  maxFutureSkewMs: number;
}

const earliest = new Date('1970-01-01T00:00:00Z');

const commonSchemas = new Map(
  (['graphql', 'json'] as const).map((form) => [
    form,
    z.object({
      id: z
        .string({ error: 'must be a string' })
        .min(1, { error: 'must not be empty' })
        .max(256, { error: (i) => `must be at most 256 characters, got ${String(i.input).length}` })
        .nullish(),
      deviceId: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, { error: 'must be 1–128 letters, digits or . _ : @ -' }),
      time: timestampSchema(form),
    }),
  ]),
);

function reject(index: number, kind: string, field: string, code: RejectionCode, why: string): RejectedEvent {
  return { index, kind, field, code, message: `event ${index} (${kind}): ${field} ${why}` };
}

function timeProblem(kind: EventKindDefinition, time: Date, limits: ValidationLimits): string | undefined {
  if (time < earliest) return `must not be before 1970, got ${time.toISOString()}`;
  if (kind.timeMayBeFuture || time.getTime() <= limits.now.getTime() + limits.maxFutureSkewMs) return undefined;
  return `is in the future (${time.toISOString()}, now ${limits.now.toISOString()}); check the device clock`;
}

export function validateEvents(
  events: IncomingEvent[],
  limits: ValidationLimits,
  form: Exclude<PayloadForm, 'wire'> = 'graphql',
): { valid: ValidEvent[]; rejected: RejectedEvent[] } {
  const valid: ValidEvent[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach(({ kind, input }, index) => {
    if (typeof kind === 'string') {
      rejected.push(reject(index, kind, '(kind)', 'UNKNOWN_KIND', 'is not a raw event kind; see the EventInput type'));
      return;
    }
    const { id, deviceId, time, ...fields } = input;
    const problems: RejectedEvent[] = [];
    const common = commonSchemas.get(form)!.safeParse({ id, deviceId, time }, { reportInput: true });
    const payload = payloadSchema(kind, form).safeParse(fields, { reportInput: true });
    if (!common.success) {
      for (const p of problemsOf(common.error)) problems.push(reject(index, kind.name, p.field, 'INVALID_FIELD', p.message));
    } else {
      const why = timeProblem(kind, common.data.time, limits);
      if (why) problems.push(reject(index, kind.name, 'time', 'TIME_OUT_OF_RANGE', why));
    }
    if (!payload.success) {
      for (const p of problemsOf(payload.error)) problems.push(reject(index, kind.name, p.field, 'INVALID_FIELD', p.message));
    }
    if (problems.length > 0 || !common.success || !payload.success) {
      rejected.push(...problems);
      return;
    }
    const event = { kind, deviceId: common.data.deviceId, time: common.data.time, payload: payload.data };
    valid.push({ index, ...event, id: common.data.id ?? idOfInput(event) });
  });
  return { valid, rejected };
}
