// Per-event validation of an ingest batch: every event is judged on its own, so good events are
// accepted beside bad ones and each bad one is reported with its index, kind, field and reason.
import { suggestionList } from 'graphql/jsutils/suggestionList.js';
import { z } from 'zod';
import { rawKinds } from '../../schema/catalogue.ts';
import type { ValidInput } from '../../schema/event-codec.ts';
import type { EventKindDefinition } from '../../schema/event-kind.ts';
import { textProblem } from '../../schema/storable-text.ts';
import { payloadSchema, problemsOf, safeParseQuotingInput, timestampSchema, type FieldProblem, type PayloadForm } from '../../schema/validation.ts';

export interface IncomingEvent {
  /** The kind, the name a client gave that matched none, or null for a JSON event that named no one kind. */
  kind: EventKindDefinition | string | null;
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
// What PostgreSQL's timestamptz keeps: a time outside years 1–9999 in UTC (9999-12-31T23:59:59-23:59
// is in year 10000) would be acknowledged and then dead-lettered.
const storable = { from: Date.parse('0001-01-01T00:00:00Z'), to: Date.parse('9999-12-31T23:59:59.999Z') };

// Compiled as the payloads are (schema/validation.ts, payloadSchema): every ingested event passes one.
const commonSchemas = new Map(
  (['graphql', 'json'] as const).map((form) => [
    form,
    z.compile(
      z.object({
        id: z
          .string({ error: 'must be a string' })
          .min(1, { error: 'must not be empty' })
          .max(256, { error: (i) => `must be at most 256 characters, got ${String(i.input).length}` })
          .nullish(),
        deviceId: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, { error: 'must be 1–128 letters, digits or . _ : @ -' }),
        time: timestampSchema(form),
      }),
    ),
  ]),
);

const notOneKind =
  'must be an object with one field, named for its kind, holding the event: {"heartRate": {"deviceId": "watch", "time": "2026-06-01T09:30:00+02:00", "bpm": 61}}';

/** Why a name is no kind, with the raw kinds nearest to it (heartRate for HEART_RATE, HeartRate or hartRate). */
function unknownKind(name: string): string {
  const near = suggestionList(name, rawKinds.map((k) => k.name)).slice(0, 3);
  const kinds = 'the fields of EventInput, listed in docs/kinds.md';
  return near.length > 0 ? `${name} is not a raw event kind: did you mean ${near.join(' or ')}? The raw kinds are ${kinds}` : `${name} is not a raw event kind: the raw kinds are ${kinds}`;
}

function reject(index: number, kind: string, field: string, code: RejectionCode, why: string): RejectedEvent {
  return { index, kind, field, code, message: `event ${index} (${kind}): ${field} ${why}` };
}

const outsideStorableYears = (time: Date) =>
  time.getTime() < storable.from || time.getTime() > storable.to ? `must fall within years 0001–9999 in UTC once its offset is applied, got ${time.toISOString()}` : undefined;

function timeProblem(kind: EventKindDefinition, time: Date, limits: ValidationLimits): string | undefined {
  if (time.getTime() < earliest.getTime()) return `must not be before 1970, got ${time.toISOString()}`;
  const unstorable = outsideStorableYears(time);
  if (unstorable) return unstorable;
  if (kind.timeMayBeFuture || time.getTime() <= limits.now.getTime() + limits.maxFutureSkewMs) return undefined;
  return (
    `is in the future (${time.toISOString()}, now ${limits.now.toISOString()}), more than the ${limits.maxFutureSkewMs / 1000} s ahead allowed: ` +
    "check the device's clock and time zone offset, or raise LIFESTREAM_MAX_FUTURE_SKEW_S"
  );
}

/** Objects and arrays as JSON or GraphQL coercion makes them; not a Date, nor an upload (its bytes are no text). */
function isPlainData(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A string PostgreSQL could not keep becomes a problem; plain data is left to look inside. */
function judgeText(path: string, value: unknown, problems: FieldProblem[], inside: [string, object][]): void {
  if (typeof value === 'string') {
    const why = textProblem(value);
    if (why) problems.push({ field: path, message: why });
  } else if (isPlainData(value)) {
    inside.push([path, value]);
  }
}

/** Every string of an input (object keys too) that PostgreSQL could not keep, by field path as zod names it. */
function textProblems(input: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Iterative: a JSON field may nest deeper than the call stack goes. The top level is looked at in
  // place: it is all most events have, and a pair per field was a fifth of validating one.
  const pending: [string, object][] = [];
  for (const field of Object.keys(input)) judgeText(field, input[field], problems, pending);
  while (pending.length > 0) {
    const [path, value] = pending.pop()!;
    for (const key of Object.keys(value)) {
      const why = textProblem(key);
      if (why) problems.push({ field: path, message: `has a key that ${why}` });
      judgeText(`${path}.${key}`, Reflect.get(value, key), problems, pending);
    }
  }
  return problems.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/** Whether a zod problem is about a field (or inside one) that a text problem already names. */
const coveredBy = (textFields: FieldProblem[]) => (problem: FieldProblem) =>
  textFields.some(({ field }) => problem.field === field || problem.field.startsWith(`${field}.`));

export function validateEvents(
  events: IncomingEvent[],
  limits: ValidationLimits,
  form: Exclude<PayloadForm, 'wire'> = 'graphql',
): { valid: ValidEvent[]; rejected: RejectedEvent[] } {
  const valid: ValidEvent[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach(({ kind, input }, index) => {
    if (kind === null) {
      rejected.push({ index, kind: '', field: '(kind)', code: 'UNKNOWN_KIND', message: `event ${index}: ${notOneKind}` });
      return;
    }
    if (typeof kind === 'string') {
      rejected.push(reject(index, kind, '(kind)', 'UNKNOWN_KIND', unknownKind(kind)));
      return;
    }
    const { id, deviceId, time, ...fields } = input;
    const texts = textProblems(input);
    const problems: RejectedEvent[] = texts.map((p) => reject(index, kind.name, p.field, 'INVALID_FIELD', p.message));
    const common = safeParseQuotingInput(commonSchemas.get(form)!, { id, deviceId, time });
    const payload = safeParseQuotingInput(payloadSchema(kind, form), fields);
    if (!common.success) {
      for (const p of problemsOf(common.error).filter((p) => !coveredBy(texts)(p))) problems.push(reject(index, kind.name, p.field, 'INVALID_FIELD', p.message));
    } else {
      const why = timeProblem(kind, common.data.time, limits);
      if (why) problems.push(reject(index, kind.name, 'time', 'TIME_OUT_OF_RANGE', why));
    }
    if (!payload.success) {
      for (const p of problemsOf(payload.error).filter((p) => !coveredBy(texts)(p))) problems.push(reject(index, kind.name, p.field, 'INVALID_FIELD', p.message));
    } else {
      for (const name in payload.data) {
        const value = payload.data[name];
        const why = value instanceof Date ? outsideStorableYears(value) : undefined;
        if (why) problems.push(reject(index, kind.name, name, 'TIME_OUT_OF_RANGE', why));
      }
    }
    if (problems.length > 0 || !common.success || !payload.success) {
      rejected.push(...problems);
      return;
    }
    valid.push({ index, kind, deviceId: common.data.deviceId, time: common.data.time, payload: payload.data, id: common.data.id ?? undefined });
  });
  return { valid, rejected };
}
