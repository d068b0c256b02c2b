// Sample events built from the catalogue, so every kind, present and future, is exercised.
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Field } from '../schema/fields.ts';
import { pascalCase } from '../schema/naming.ts';

// Blob bytes are checked against their declared type by their signature: a sample starts with it.
const signatures: Readonly<Record<string, readonly number[]>> = { 'image/jpeg': [0xff, 0xd8, 0xff, 0xe0] };
/** The type a sample of the field declares: its first, or one without a signature where it takes any. */
const sampleMimeType = (f: { mimeTypes: readonly string[] | 'any' }) => (f.mimeTypes === 'any' ? 'application/octet-stream' : f.mimeTypes[0]!);
const sampleBytes = (mimeType: string, seed: number) => Buffer.concat([Buffer.from(signatures[mimeType] ?? []), Buffer.from(`bytes of sample ${seed}`)]);

function sampleValue(f: Field, seed: number): unknown {
  switch (f.type) {
    case 'float': {
      const min = f.min ?? 0;
      const max = f.max ?? min + 1_000;
      return Math.round((min + ((max - min) * ((seed % 7) + 1)) / 9) * 1000) / 1000;
    }
    case 'int': {
      const min = f.min ?? 0;
      const max = f.max ?? min + 1_000;
      return Math.floor(min + ((max - min) * ((seed % 7) + 1)) / 9);
    }
    case 'string':
      if (f.format === 'url' || f.format === 'urlOrData') return `https://example.com/page/${seed}`;
      if (f.format === 'email') return `person${seed}@example.com`;
      return `sample ${seed}`.slice(0, f.maxLength);
    case 'boolean':
      return seed % 2 === 0;
    case 'enum':
      return f.values[seed % f.values.length];
    case 'timestamp':
      return new Date(Date.UTC(2026, 0, 1, 0, 0, seed % 60)).toISOString();
    case 'stringList':
      return [`a${seed}`, `b${seed}`];
    case 'json':
      return f.example ?? { sample: seed, items: [1, 2, 3] };
    case 'blob':
      return { base64: sampleBytes(sampleMimeType(f), seed).toString('base64'), mimeType: sampleMimeType(f) };
  }
}

/** A valid input of a kind for the GraphQL/JSON ingest, all optional fields set. */
export function sampleInput(kind: EventKindDefinition, deviceId: string, time: Date, seed = 1): Record<string, unknown> {
  return {
    deviceId,
    time: time.toISOString(),
    ...Object.fromEntries(Object.entries(kind.fields).map(([name, f]) => [name, sampleValue(f, seed)])),
  };
}

/** A valid wire-form payload of a kind, as a consumer would emit it (blob fields hold a BlobRef). */
export function sampleWirePayload(kind: EventKindDefinition, seed = 1): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(kind.fields).map(([name, f]) => [
      name,
      f.type === 'blob' ? { sha256: 'ab'.repeat(32), byteSize: 42, mimeType: sampleMimeType(f) } : sampleValue(f, seed),
    ]),
  );
}

/** The alias a field of a kind gets in allFieldsSelection (kinds share field names of other types). */
export const fieldAlias = (kind: EventKindDefinition, name: string) => `${kind.name}_${name}`;

/** `... on HeartRate { heartRate_bpm: bpm ... }` for every kind: a timeline selection of all fields. */
export const allFieldsSelection = catalogue
  .map(
    (kind) =>
      `... on ${pascalCase(kind.name)} { ${Object.entries(kind.fields)
        .map(([name, f]) => `${fieldAlias(kind, name)}: ${name}${f.type === 'blob' ? ' { sha256 byteSize mimeType }' : ''}`)
        .join(' ')} }`,
  )
  .join('\n');
