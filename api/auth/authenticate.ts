// Turning a bearer token into a Principal: LIFESTREAM_ADMIN_TOKEN for automation, else a live
// token from the database.
import { timingSafeEqual } from 'node:crypto';
import { findLiveToken, hashToken } from '../../db/access-tokens.ts';
import type { Store } from '../../db/store.ts';
import { principalOf, type Principal } from './principal.ts';

/** The admin of LIFESTREAM_ADMIN_TOKEN; its id tells one such token from another in shared rate-limit counters. */
const environmentAdmin = (tokenHash: string): Principal => ({
  tokenId: `LIFESTREAM_ADMIN_TOKEN:${tokenHash.slice(0, 16)}`,
  name: 'LIFESTREAM_ADMIN_TOKEN',
  scope: 'admin',
  deviceId: null,
});

/** The token of an `Authorization: Bearer <token>` value, if it is one. */
export function bearerToken(authorization: string | undefined | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export async function authenticate(store: Store, token: string | undefined, adminToken: string | undefined): Promise<Principal | undefined> {
  if (!token) return undefined;
  const tokenHash = hashToken(token);
  if (adminToken && timingSafeEqual(Buffer.from(tokenHash, 'hex'), Buffer.from(hashToken(adminToken), 'hex'))) return environmentAdmin(tokenHash);
  const found = await findLiveToken(store, token);
  return found && principalOf(found);
}
