import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashToken } from '../../db/access-tokens.ts';
import { bearerToken, environmentAdmin } from './authenticate.ts';

describe('authentication', () => {
  it('reads the token of a Bearer authorization only', () => {
    assert.equal(bearerToken('Bearer lst_abc'), 'lst_abc');
    assert.equal(bearerToken('bearer  lst_abc '), 'lst_abc');
    assert.equal(bearerToken('Basic dXNlcjpwYXNz'), undefined);
    assert.equal(bearerToken('Bearer two words'), undefined);
  });

  it("gives LIFESTREAM_ADMIN_TOKEN's admin an id that is the same on every instance and shows nothing of the token's hash", () => {
    const token = 'an-admin-token-of-24-characters-or-more';
    const { tokenId } = environmentAdmin(token);
    assert.equal(environmentAdmin(token).tokenId, tokenId);
    assert.notEqual(environmentAdmin(`${token}!`).tokenId, tokenId);
    assert.match(tokenId, /^LIFESTREAM_ADMIN_TOKEN:[0-9a-f]{16}$/);
    const hash = hashToken(token);
    for (let at = 0; at + 6 <= hash.length; at++) assert.ok(!tokenId.includes(hash.slice(at, at + 6)), `the id holds ${hash.slice(at, at + 6)} of the hash`);
  });
});
