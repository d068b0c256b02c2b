// Validation derived from the catalogue's fields, with zod. A payload comes in three forms: as
// GraphQL coerced it (timestamps are Dates, blob fields carry base64 bytes or an upload), as plain JSON from
// ingestJson (timestamps are ISO strings to parse) and as it travels on the bus ('wire': timestamps
// ISO strings, blob fields a BlobRef). Every form parses to Dates. Messages name the field, rule and value.
import { z } from 'zod';
import { blobRefSchema } from './envelope.ts';
import type { EventKindDefinition } from './event-kind.ts';
import type { Field } from './fields.ts';
import { notATime, parseTimeText } from './time-text.ts';
import { isUpload, type Upload } from './upload.ts';

const rangeText = (min?: number, max?: number) =>
  min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;

function number(f: { min?: number; max?: number }, integer: boolean) {
  let schema = integer ? z.number().int({ error: (i) => `must be a whole number, got ${String(i.input)}` }) : z.number();
  schema = schema.refine(Number.isFinite, { error: 'must be a finite number' });
  const outOfRange = (i: { input: unknown }) => `must be ${rangeText(f.min, f.max)}, got ${String(i.input)}`;
  if (f.min !== undefined) schema = schema.min(f.min, { error: outOfRange });
  if (f.max !== undefined) schema = schema.max(f.max, { error: outOfRange });
  return schema;
}

const maxLengthError = (max: number) => (i: { input: unknown }) =>
  `must be at most ${max} characters, got ${typeof i.input === 'string' ? i.input.length : '?'}`;

/** RFC 2397: data:[<mediatype>][;base64],<data> */
const dataUrl = /^data:[\w.+-]*(\/[\w.+-]+)?(;[\w.+-]+=[\w.+-]+)*(;base64)?,/i;

function text(maxLength: number, format?: 'url' | 'urlOrData' | 'email') {
  const base = z.string().max(maxLength, { error: maxLengthError(maxLength) });
  if (format === 'url') return base.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
  if (format === 'urlOrData') {
    return base.refine((value) => dataUrl.test(value) || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)), {
      error: (issue) => `must be an http(s) URL or a data: URL (data:application/pdf;base64,...), got "${String(issue.input).slice(0, 80)}"`,
    });
  }
  if (format === 'email') return base.pipe(z.email({ error: 'must be an email address' }));
  return base;
}

// RFC 6838 4.2: type "/" subtype, each a restricted name; no parameters (a charset is no part of a blob's type).
export const mediaTypeName = /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}$/;
const anyMediaType = z.string().regex(mediaTypeName, { error: (i) => `must be a media type such as application/pdf (type/subtype, no parameters), got ${JSON.stringify(i.input)}` });
const oneOf = (mimeTypes: readonly string[]) =>
  z.enum(mimeTypes as [string, ...string[]], { error: (i) => `must be one of ${mimeTypes.join(', ')}, got ${String(i.input)}` });

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
export const base64ByteSize = (b64: string) => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

export type PayloadForm = 'graphql' | 'json' | 'wire';

const isoTime = z.string().refine((t) => parseTimeText(t) !== undefined, { error: (i) => notATime(i.input) });

/** A timestamp in the given form, parsed to a Date. */
export function timestampSchema(form: PayloadForm): z.ZodType<Date> {
  if (form === 'graphql') return z.date();
  return isoTime.transform((t) => parseTimeText(t)!);
}

function fieldSchema(f: Field, form: PayloadForm): z.ZodType {
  switch (f.type) {
    case 'float':
      return number(f, false);
    case 'int':
      return number(f, true);
    case 'string':
      return text(f.maxLength, f.format);
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(f.values, { error: (i) => `must be one of ${f.values.join(', ')}, got ${String(i.input)}` });
    case 'timestamp':
      return timestampSchema(form);
    case 'stringList':
      return z
        .array(z.string().max(f.maxLength, { error: maxLengthError(f.maxLength) }))
        .max(f.maxItems, { error: `must have at most ${f.maxItems} entries` });
    case 'json':
      return (f.schema ?? z.unknown()).refine((v) => v !== undefined && JSON.stringify(v).length <= f.maxBytes, {
        error: `must be JSON of at most ${f.maxBytes} bytes`,
      });
    case 'blob': {
      const mimeType = f.mimeTypes === 'any' ? anyMediaType : oneOf(f.mimeTypes);
      if (form === 'wire') {
        return blobRefSchema.extend({ mimeType });
      }
      return z
        .object({
          base64: z
            .string()
            .regex(base64, { error: 'base64 must be standard base64 (A–Z, a–z, 0–9, +, /, = padding)' })
            .refine((b) => base64ByteSize(b) <= f.maxBytes, { error: `must be at most ${f.maxBytes} bytes` })
            .nullish(),
          file: z.custom<Upload>(isUpload, { error: 'file must be a file part of a multipart request (GraphQL multipart request spec)' }).nullish(),
          mimeType,
        })
        .refine((b) => (b.base64 != null) !== (b.file != null), { error: 'must set exactly one of base64 (inline bytes) and file (a multipart upload)' });
    }
  }
}

/** The zod schema of a kind's payload in the given form, as written: what zod's own parser checks. */
export function payloadSchemaAsWritten(kind: EventKindDefinition, form: PayloadForm): z.ZodType<Record<string, unknown>> {
  const shape = Object.fromEntries(
    Object.entries(kind.fields).map(([name, f]) => {
      const s = fieldSchema(f, form);
      return [name, f.optional ? s.nullish().transform((v) => v ?? undefined) : s];
    }),
  );
  return z.strictObject(shape);
}

// By form, then by the kind itself: looked up per event, so no key text to build for it.
const schemasByForm: Record<PayloadForm, Map<EventKindDefinition, z.ZodType<Record<string, unknown>>>> = { graphql: new Map(), json: new Map(), wire: new Map() };

/**
 * A kind's payload schema, built once and compiled (z.compile): a valid payload takes zod's generated
 * fast path (a heart-rate payload from the wire: 0.27 → 0.05 µs), any other falls back to zod's own
 * parser, so what is refused, and the issues it gets, stay as written (validation.test.ts).
 */
export function payloadSchema(kind: EventKindDefinition, form: PayloadForm): z.ZodType<Record<string, unknown>> {
  const schemas = schemasByForm[form];
  let schema = schemas.get(kind);
  if (!schema) schemas.set(kind, (schema = z.compile(payloadSchemaAsWritten(kind, form))));
  return schema;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * safeParse with the input quoted in the issues (for problemsOf). Any parse context takes zod 4.6 off
 * its compiled path (a heart-rate payload: 1.8 µs a parse against 0.2), so the value is parsed plainly
 * first and parsed again with reportInput only when it fails.
 */
export function safeParseQuotingInput<T>(schema: z.ZodType<T>, value: unknown): z.ZodSafeParseResult<T> {
  const result = schema.safeParse(value);
  return result.success ? result : schema.safeParse(value, { reportInput: true });
}

/** zod issues as "field: why" pairs a client can act on (parse with safeParseQuotingInput so values can be quoted). */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(event)');
    const message =
      issue.code === 'invalid_type' ? (issue.input === undefined ? 'is required' : `must be ${issue.expected}, got ${JSON.stringify(issue.input)}`) : issue.message;
    return { field, message: issue.code === 'unrecognized_keys' ? 'is not a field of this kind' : message };
  });
}
