// The vocabulary every event kind is written in. A field says what it holds once; the GraphQL
// types, the Drizzle columns, the validation and the TypeScript type of its value all derive from it.
import type { z } from 'zod';
import type { BlobRef } from './envelope.ts';

interface FieldBase {
  optional: boolean;
  description?: string;
}
export interface FloatField extends FieldBase { type: 'float'; min?: number; max?: number }
export interface IntField extends FieldBase { type: 'int'; min?: number; max?: number }
/** url: an http(s) URL; urlOrData: that or a `data:` URL (content carried in the link itself). */
export interface StringField extends FieldBase { type: 'string'; maxLength: number; format?: 'url' | 'urlOrData' | 'email' }
export interface BooleanField extends FieldBase { type: 'boolean' }
export interface EnumField<V extends readonly [string, ...string[]] = readonly [string, ...string[]]> extends FieldBase { type: 'enum'; values: V }
export interface TimestampField extends FieldBase { type: 'timestamp' }
export interface StringListField extends FieldBase { type: 'stringList'; maxItems: number; maxLength: number }
/**
 * Structured output of a model (words, detections): kept as JSON. Its schema, where given, validates
 * it and types it; an example of a valid value then comes with it (for tests and documentation).
 */
export interface JsonField<T = unknown> extends FieldBase { type: 'json'; maxBytes: number; schema?: z.ZodType<T>; example?: T }
/**
 * Binary content (audio, images, mail attachments): sent base64 or uploaded, kept in the blob store,
 * referenced by sha256. `mimeTypes` lists the types it takes, or is `'any'` for content of every type
 * (a mail attachment); either way bytes whose signature says otherwise are refused.
 */
export interface BlobField extends FieldBase { type: 'blob'; maxBytes: number; mimeTypes: readonly string[] | 'any' }

export type Field =
  | FloatField
  | IntField
  | StringField
  | BooleanField
  | EnumField
  | TimestampField
  | StringListField
  | JsonField
  | BlobField;

export type Fields = Record<string, Field>;

/** A field as its constructor returns it: required until wrapped in `optional`. */
type RequiredField<F extends Field> = F & { optional: false };
type Options<F extends Field> = Partial<Omit<F, 'type' | 'optional'>>;

const KiB = 1024;
const MiB = 1024 * KiB;

/** Field constructors; every field is required unless wrapped in `optional`. */
export const field = {
  float: (o: Options<FloatField> = {}): RequiredField<FloatField> => ({ type: 'float', optional: false, ...o }),
  int: (o: Options<IntField> = {}): RequiredField<IntField> => ({ type: 'int', optional: false, ...o }),
  string: (maxLength: number, o: Options<StringField> = {}): RequiredField<StringField> => ({
    type: 'string',
    optional: false,
    maxLength,
    ...o,
  }),
  url: (o: Options<StringField> = {}): RequiredField<StringField> => ({ type: 'string', optional: false, maxLength: 8 * KiB, format: 'url', ...o }),
  email: (o: Options<StringField> = {}): RequiredField<StringField> => ({ type: 'string', optional: false, maxLength: 320, format: 'email', ...o }),
  boolean: (o: Options<BooleanField> = {}): RequiredField<BooleanField> => ({ type: 'boolean', optional: false, ...o }),
  enum: <const V extends readonly [string, ...string[]]>(values: V, o: Omit<Options<EnumField>, 'values'> = {}): RequiredField<EnumField<V>> => ({
    type: 'enum',
    optional: false,
    values,
    ...o,
  }),
  timestamp: (o: Options<TimestampField> = {}): RequiredField<TimestampField> => ({ type: 'timestamp', optional: false, ...o }),
  stringList: (maxItems: number, maxLength: number, o: Options<StringListField> = {}): RequiredField<StringListField> => ({
    type: 'stringList',
    optional: false,
    maxItems,
    maxLength,
    ...o,
  }),
  json: <T = unknown>(o: Options<JsonField<T>> = {}): RequiredField<JsonField<T>> => ({ type: 'json', optional: false, maxBytes: 256 * KiB, ...o }),
  blob: (mimeTypes: readonly string[] | 'any', o: Options<BlobField> = {}): RequiredField<BlobField> => ({
    type: 'blob',
    optional: false,
    maxBytes: 8 * MiB,
    mimeTypes,
    ...o,
  }),
};

export function optional<F extends Field>(f: F): Omit<F, 'optional'> & { optional: true } {
  return { ...f, optional: true };
}

/** A field's value as events carry it in memory: timestamps are Dates, blobs a reference into the blob store. */
export type ValueOf<F extends Field> = F extends FloatField | IntField
  ? number
  : F extends StringField
    ? string
    : F extends BooleanField
      ? boolean
      : F extends EnumField<infer V>
        ? V[number]
        : F extends TimestampField
          ? Date
          : F extends StringListField
            ? string[]
            : F extends BlobField
              ? BlobRef
              : F extends JsonField<infer T>
                ? T
                : unknown;

type RequiredNames<F extends Fields> = { [N in keyof F]: F[N] extends { optional: true } ? never : N }[keyof F];

/** The payload a kind with these fields carries: its required fields, and its optional ones where present. */
export type PayloadOfFields<F extends Fields> = string extends keyof F
  ? Record<string, unknown>
  : { [N in RequiredNames<F>]: ValueOf<F[N]> } & { [N in Exclude<keyof F, RequiredNames<F>>]?: ValueOf<F[N]> };

type NameIfType<N, Type, T> = Type extends T ? N : never;

/** Names of the fields of one type, e.g. the numeric ones a timeline can aggregate. */
export type FieldNamesOfType<F extends Fields, T extends Field['type']> = { [N in keyof F]: NameIfType<N, F[N]['type'], T> }[keyof F] & string;
