import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'graphql';
import { argumentTextError } from './argument-texts.ts';
import { schema } from './graphql/schema.ts';

const errorOf = (query: string, variableValues: Record<string, unknown> = {}, operationName?: string) => {
  const error = argumentTextError({ schema, document: parse(query), variableValues, operationName });
  return error && { message: error.message, argument: error.extensions.argument };
};

describe('argument texts', () => {
  it('finds a NUL or lone surrogate in any argument, inside fragments and lists, naming the field and argument', () => {
    assert.deepEqual(errorOf('query($d: [ID!]) { ...f } fragment f on Query { timelineBuckets(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", bucketSeconds: 60, deviceIds: $d) { count } }', { d: ['a', 'b\uD800'] }), {
      message: 'argument timelineBuckets(deviceIds[1]) must be well-formed Unicode, found a lone surrogate U+D800 at character 2: send the whole pair or none',
      argument: 'timelineBuckets(deviceIds[1])',
    });
    assert.equal(errorOf('{ memos(search: "a\\u0000") { hasNextPage } }')?.argument, 'memos(search)');
  });

  it('leaves the ingest mutations to judge each event, and operations not run alone', () => {
    assert.equal(errorOf('mutation($e: [JSON!]!) { ingestJson(events: $e) { acceptedCount } }', { e: [{ clipboard: { text: '\u0000' } }] }), undefined);
    assert.equal(errorOf('query A { memos(search: "\\u0000") { hasNextPage } } query B { eventKinds { kind } }', {}, 'B'), undefined);
    assert.equal(errorOf('{ memos(search: "fine", tags: ["work"]) { hasNextPage } }'), undefined);
  });
});
