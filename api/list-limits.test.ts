import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse } from 'graphql';
import { schema } from './graphql/schema.ts';
import { listLimits, listOverLimit } from './list-limits.ts';

describe('list argument limits', () => {
  it('has a limit for every list argument of the served schema', () => {
    const limits = listLimits(schema, 10);
    for (const coordinate of ['Query.timeline(deviceIds:)', 'Query.timelineBuckets(kinds:)', 'Subscription.timeline(fieldEquals:)', 'Query.memos(tags:)', 'Mutation.ingest(events:)', 'Mutation.ingestJson(events:)']) {
      assert.ok(limits.has(coordinate), coordinate);
    }
  });

  it('refuses to start with a list argument that has none, naming it', () => {
    const unlimited = buildSchema('type Query { rows(deviceIds: [ID!], names: [String!]): Int }');
    assert.throws(() => listLimits(unlimited, 10), /Query\.rows\(names:\) is a list argument without a limit: add one to maxListItems/);
  });

  it('counts literals, variables as sent and variable defaults, through fragments', () => {
    const limits = listLimits(schema, 2);
    const over = (query: string, variables?: Record<string, unknown>) => listOverLimit(schema, parse(query), variables, limits)?.message;
    const events = (n: number) => Array.from({ length: n }, () => ({}));
    assert.equal(over('mutation($e: [JSON!]!) { ingestJson(events: $e) { acceptedCount } }', { e: events(2) }), undefined);
    assert.match(over('mutation($e: [JSON!]!) { ingestJson(events: $e) { acceptedCount } }', { e: events(3) })!, /at most 2 events, got 3/);
    assert.match(over('mutation { ingestJson(events: [1, 2, 3]) { acceptedCount } }')!, /got 3/);
    assert.match(over('mutation($e: [JSON!]! = [1, 2, 3]) { ingestJson(events: $e) { acceptedCount } }')!, /got 3/);
    const ids = Array.from({ length: 1001 }, (_, i) => String(i));
    assert.equal(
      over('query($ids: [ID!]) { ...t } fragment t on Query { timeline(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", deviceIds: $ids) { edges { cursor } } }', { ids }),
      'Query.timeline(deviceIds:) takes at most 1000 items, got 1001',
    );
  });
});
