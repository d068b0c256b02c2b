// The one gate that HTTP requests and graphql-ws connections pass: the token becomes a Principal, and
// a client address with too many failed authentications is refused before any token is looked up.
import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Cache } from '../../db/cache/port.ts';
import type { Store } from '../../db/store.ts';
import type { Config } from '../../schema/config.ts';
import { clientAddress, trustedProxies } from '../client-address.ts';
import { bearerToken, tokenAuthenticator } from './authenticate.ts';
import type { Principal } from './principal.ts';

export type Admission =
  | { principal: Principal; refused?: never }
  | { refused: { code: 'UNAUTHENTICATED' | 'RATE_LIMITED'; message: string; retryAfterS?: number }; principal?: never };

/**
 * Admits or refuses a request or a connection, from the client it comes from and the credential it
 * carries (`Bearer <token>`), sent in what `sentIn` names; a refusal says which of missing, malformed,
 * unknown or revoked the credential was, in few enough bytes for a WebSocket close reason (123).
 */
export type AuthGate = (request: IncomingMessage, authorization: string | undefined, sentIn: CredentialPlace) => Promise<Admission>;

export type CredentialPlace = 'Authorization' | 'connectionParams.authorization';

/** Why a credential admits no one; never quoting it, which may be a token sent the wrong way. */
function unauthenticated(authorization: string | undefined, token: string | undefined, sentIn: CredentialPlace): string {
  if (!authorization?.trim()) return `no token: send ${sentIn}: Bearer <token>`;
  // GraphiQL opens with the header "Bearer <your token>": say that the placeholder is to be replaced.
  if (!token) return `${sentIn} must be "Bearer <token>", your token (lst_...) for <token>`;
  return 'unknown or revoked token: ask an admin for a live one (npm run cli -- token create)';
}

/** Addresses held back at once, without asking the shared counter again: bounded, like the flood it answers. */
const blockedAddressesMax = 10_000;

export function authGate(services: { store: Store; cache: Cache; config: Config }): AuthGate {
  const { LIFESTREAM_ADMIN_TOKEN, LIFESTREAM_AUTH_FAILURES_PER_MINUTE: failuresPerMinute, LIFESTREAM_TRUSTED_PROXIES, LIFESTREAM_GROUP_PREFIX } = services.config;
  const authenticate = tokenAuthenticator(services.store, LIFESTREAM_ADMIN_TOKEN);
  const proxies = trustedProxies(LIFESTREAM_TRUSTED_PROXIES);
  // When each blocked address may try again. The count itself lives in the cache, shared by instances.
  const blockedUntil = new LRUCache<string, number>({ max: blockedAddressesMax, ttl: 60_000 });
  const rateLimited = (address: string, retryAfterMs: number): Admission => {
    const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return {
      refused: {
        code: 'RATE_LIMITED',
        message: `more than ${failuresPerMinute} failed authentications a minute from ${address}; retry in ${retryAfterS} s with a valid token`,
        retryAfterS,
      },
    };
  };

  return async (request, authorization, sentIn) => {
    const token = bearerToken(authorization);
    const forwardedFor = request.headers['x-forwarded-for'];
    const address = clientAddress(request.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, proxies);
    const until = blockedUntil.get(address);
    if (until !== undefined && until > Date.now()) return rateLimited(address, until - Date.now());
    const principal = await authenticate(token);
    if (principal) return { principal };
    // A token that fails may be a guess; no token at all guesses nothing, and costs nothing to refuse.
    if (token !== undefined) {
      // Under the deployment's prefix: deployments that share a Redis count their clients apart.
      const verdict = await services.cache.rateLimit(`auth-failures:${LIFESTREAM_GROUP_PREFIX}:${address}`, failuresPerMinute);
      if (!verdict.allowed) {
        blockedUntil.set(address, Date.now() + verdict.retryAfterMs, { ttl: Math.max(1, verdict.retryAfterMs) });
        return rateLimited(address, verdict.retryAfterMs);
      }
    }
    return { refused: { code: 'UNAUTHENTICATED', message: unauthenticated(authorization, token, sentIn) } };
  };
}
