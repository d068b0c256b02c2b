// Turning a bearer token into a Principal: LIFESTREAM_ADMIN_TOKEN for automation, else a live
// token from the database. Unknown tokens are remembered for a while, so that a flood of them costs
// no lookups; known ones are not, so that a revocation holds at once on every instance.
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { findLiveToken, hashToken, isIssuedTokenShape } from '../../db/access-tokens.ts';
import type { Store } from '../../db/store.ts';
import { principalOf, type Principal } from './principal.ts';

/** Enough unknown tokens to absorb a flood in little memory (a hash each); forgotten soon enough not to matter. */
const unknownTokens = { max: 10_000, ttlMs: 60_000 };

/**
 * The admin of LIFESTREAM_ADMIN_TOKEN. Its id is the same on every instance (their rate-limit counter
 * is shared) and tells one such token from another, yet ends in logs: a slow hash, so it gives
 * nothing to someone guessing the token, and no prefix of the token's sha256.
 */
export const environmentAdmin = (adminToken: string): Principal => ({
  tokenId: `LIFESTREAM_ADMIN_TOKEN:${scryptSync(adminToken, 'lifestream environment admin id', 8).toString('hex')}`,
  name: 'LIFESTREAM_ADMIN_TOKEN',
  scope: 'admin',
  deviceId: null,
});

/** The token of an `Authorization: Bearer <token>` value, if it is one. */
export function bearerToken(authorization: string | undefined | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** The Principal a token stands for, or undefined: no token, an unknown one or a revoked one. */
export type Authenticate = (token: string | undefined) => Promise<Principal | undefined>;

export function tokenAuthenticator(store: Store, adminToken: string | undefined): Authenticate {
  const admin = adminToken === undefined ? undefined : { hash: Buffer.from(hashToken(adminToken), 'hex'), principal: environmentAdmin(adminToken) };
  const unknown = new LRUCache<string, true>({ max: unknownTokens.max, ttl: unknownTokens.ttlMs });
  return async (token) => {
    if (!token) return undefined;
    const tokenHash = hashToken(token);
    if (admin && timingSafeEqual(Buffer.from(tokenHash, 'hex'), admin.hash)) return admin.principal;
    if (!isIssuedTokenShape(token) || unknown.has(tokenHash)) return undefined;
    const found = await findLiveToken(store, token);
    if (!found) unknown.set(tokenHash, true);
    return found && principalOf(found);
  };
}
