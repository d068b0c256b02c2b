import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue } from './catalogue.ts';
import type { Field } from './fields.ts';
import { payloadSchema, payloadSchemaAsWritten, type PayloadForm } from './validation.ts';

const forms: PayloadForm[] = ['graphql', 'json', 'wire'];

/** A field's values to try, the first one valid: its bounds, just past them, other types, null. */
function valuesOf(f: Field, form: PayloadForm): unknown[] {
  const others = [null, 'text', 5, true, {}, []];
  switch (f.type) {
    case 'float':
    case 'int': {
      const [min, max] = [f.min ?? -1e6, f.max ?? 1e6];
      return [Math.ceil((min + max) / 2), min, max, min - 1, max + 1, min + 0.5, NaN, Infinity, -Infinity, '5', ...others];
    }
    case 'string': {
      const valid = f.format === 'email' ? 'someone@example.com' : f.format ? 'https://example.com/a' : 'a';
      return [valid, 'a'.repeat(f.maxLength), 'a'.repeat(f.maxLength + 1), 'ftp://example.com/a', 'data:text/plain,hi', 'someone@example.com', ...others];
    }
    case 'boolean':
      return [true, false, 'true', 0, null];
    case 'enum':
      return [f.values[0], f.values.at(-1), 'not-a-value', 1, null];
    case 'timestamp':
      return form === 'graphql'
        ? [new Date('2026-06-01T09:30:00Z'), new Date(NaN), '2026-06-01T09:30:00Z', 5, null]
        : ['2026-06-01T09:30:00Z', '2026-06-01T09:30:00.123456+02:00', '2026-02-30T00:00:00Z', '2026-06-01T09:30:00', new Date(0), 5, null];
    case 'stringList':
      return [['a'], [], Array.from({ length: f.maxItems + 1 }, () => 'a'), ['a'.repeat(f.maxLength + 1)], [1], 'a', null];
    case 'json':
      return [f.example ?? { a: 1 }, { a: 'x'.repeat(f.maxBytes) }, 'text', 5, [], null];
    case 'blob': {
      const mimeType = f.mimeTypes === 'any' ? 'application/pdf' : f.mimeTypes[0];
      const ref = { sha256: 'a'.repeat(64), byteSize: 3, mimeType };
      return form === 'wire'
        ? [ref, { ...ref, sha256: 'A'.repeat(64) }, { ...ref, byteSize: -1 }, { ...ref, mimeType: 'not a type' }, { sha256: ref.sha256 }, 'text', null]
        : [{ base64: 'aGk=', mimeType }, { base64: '!!', mimeType }, { mimeType }, { base64: 'aGk=', file: 'x', mimeType }, { base64: 'aGk=', mimeType: 'not a type' }, 'text', null];
    }
  }
}

describe('payload validation', () => {
  it('accepts, refuses and outputs exactly as zod parses the schema as written, though compiled', () => {
    let compared = 0;
    for (const kind of catalogue) {
      for (const form of forms) {
        const compiled = payloadSchema(kind, form);
        const asWritten = payloadSchemaAsWritten(kind, form);
        const fields = Object.entries(kind.fields);
        const valid = Object.fromEntries(fields.map(([name, f]) => [name, valuesOf(f, form)[0]]));
        const payloads: unknown[] = [valid, { ...valid, notAField: 1 }, {}, null, [], 'text'];
        for (const [name, f] of fields) {
          payloads.push(Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name)), { ...valid, [name]: undefined });
          for (const value of valuesOf(f, form).slice(1)) payloads.push({ ...valid, [name]: value });
        }
        for (const payload of payloads) {
          const [fast, slow] = [compiled.safeParse(payload), asWritten.safeParse(payload)];
          const what = `${kind.name} (${form}): ${JSON.stringify(payload)?.slice(0, 200)}`;
          assert.equal(fast.success, slow.success, what);
          if (fast.success) assert.deepEqual(fast.data, slow.data, what);
          else assert.deepEqual(fast.error?.issues, slow.error?.issues, what);
          compared++;
        }
      }
    }
    assert.ok(compared > 1000, `compared only ${compared} payloads`);
  });

  it('builds a kind\'s schema once per form', () => {
    const [kind] = catalogue;
    assert.ok(kind);
    assert.equal(payloadSchema(kind, 'wire'), payloadSchema(kind, 'wire'));
    assert.notEqual(payloadSchema(kind, 'wire'), payloadSchema(kind, 'json'));
  });
});
