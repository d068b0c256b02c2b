import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localGraphqlUrl } from './local-graphql-url.ts';

describe('the GraphQL address the client programs use by default', () => {
  it('is on PORT, as npm start listens, else 4000', () => {
    assert.equal(localGraphqlUrl({ PORT: '40123' }), 'http://127.0.0.1:40123/graphql');
    assert.equal(localGraphqlUrl({}), 'http://127.0.0.1:4000/graphql');
    assert.equal(localGraphqlUrl({ PORT: '' }), 'http://127.0.0.1:4000/graphql');
  });
});
