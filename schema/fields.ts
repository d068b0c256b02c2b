// The vocabulary every event kind is written in. A field says what it holds once; the GraphQL
// types, the Drizzle columns and the validation are all derived from it (see derive-*.ts files).

interface FieldBase {
  optional: boolean;
  description?: string;
}
export interface FloatField extends FieldBase { type: 'float'; min?: number; max?: number }
export interface IntField extends FieldBase { type: 'int'; min?: number; max?: number }
export interface StringField extends FieldBase { type: 'string'; maxLength: number; format?: 'url' | 'email' }
export interface BooleanField extends FieldBase { type: 'boolean' }
export interface EnumField extends FieldBase { type: 'enum'; values: readonly [string, ...string[]] }
export interface TimestampField extends FieldBase { type: 'timestamp' }
export interface StringListField extends FieldBase { type: 'stringList'; maxItems: number; maxLength: number }
/** Structured output of a model (words, detections): kept as JSON, validated as an object or array. */
export interface JsonField extends FieldBase { type: 'json'; maxBytes: number }
/** Binary content (audio, images): sent base64, kept in the blob store, referenced by sha256. */
export interface BlobField extends FieldBase { type: 'blob'; maxBytes: number; mimeTypes: readonly string[] }

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

type Options<F extends Field> = Partial<Omit<F, 'type' | 'optional'>>;

const KiB = 1024;
const MiB = 1024 * KiB;

/** Field constructors; every field is required unless wrapped in `optional`. */
export const field = {
  float: (o: Options<FloatField> = {}): FloatField => ({ type: 'float', optional: false, ...o }),
  int: (o: Options<IntField> = {}): IntField => ({ type: 'int', optional: false, ...o }),
  string: (maxLength: number, o: Options<StringField> = {}): StringField => ({
    type: 'string',
    optional: false,
    maxLength,
    ...o,
  }),
  url: (o: Options<StringField> = {}): StringField => ({ type: 'string', optional: false, maxLength: 8 * KiB, format: 'url', ...o }),
  email: (o: Options<StringField> = {}): StringField => ({ type: 'string', optional: false, maxLength: 320, format: 'email', ...o }),
  boolean: (o: Options<BooleanField> = {}): BooleanField => ({ type: 'boolean', optional: false, ...o }),
  enum: <const V extends readonly [string, ...string[]]>(values: V, o: Options<EnumField> = {}): EnumField => ({
    type: 'enum',
    optional: false,
    values,
    ...o,
  }),
  timestamp: (o: Options<TimestampField> = {}): TimestampField => ({ type: 'timestamp', optional: false, ...o }),
  stringList: (maxItems: number, maxLength: number, o: Options<StringListField> = {}): StringListField => ({
    type: 'stringList',
    optional: false,
    maxItems,
    maxLength,
    ...o,
  }),
  json: (o: Options<JsonField> = {}): JsonField => ({ type: 'json', optional: false, maxBytes: 256 * KiB, ...o }),
  blob: (mimeTypes: readonly string[], o: Options<BlobField> = {}): BlobField => ({
    type: 'blob',
    optional: false,
    maxBytes: 8 * MiB,
    mimeTypes,
    ...o,
  }),
};

export function optional<F extends Field>(f: F): F {
  return { ...f, optional: true };
}
