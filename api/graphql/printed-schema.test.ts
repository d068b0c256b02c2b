import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printedSchema, printedSchemaOnDisk } from './printed-schema.ts';

describe('printed schema', () => {
  it('schema/schema.graphql is the schema the API serves (run `npm run schema:print` after changing it)', () => {
    assert.equal(printedSchemaOnDisk(), printedSchema(), 'schema/schema.graphql is stale: run `npm run schema:print`');
  });
});
