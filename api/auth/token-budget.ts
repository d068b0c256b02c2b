// The per-token request budget (LIFESTREAM_RATE_LIMIT_PER_MINUTE) that every HTTP request and every
// graphql-ws operation counts against, and the one message a spent budget is refused with.
import type { Cache } from '../../db/cache/port.ts';
import type { Config } from '../../schema/config.ts';

export interface SpentBudget {
  message: string;
  retryAfterS: number;
}

/** Counts one request of the token; says why it is refused when its budget for the minute is spent. Throws when the cache is away. */
export function tokenBudget(services: { cache: Cache; config: Pick<Config, 'LIFESTREAM_RATE_LIMIT_PER_MINUTE'> }) {
  const perMinute = services.config.LIFESTREAM_RATE_LIMIT_PER_MINUTE;
  return async (tokenId: string | undefined): Promise<SpentBudget | undefined> => {
    const verdict = await services.cache.rateLimit(`token:${tokenId}`, perMinute);
    if (verdict.allowed) return undefined;
    const retryAfterS = Math.ceil(verdict.retryAfterMs / 1000);
    return { retryAfterS, message: `more than ${perMinute} requests a minute for this token; retry in ${retryAfterS} s` };
  };
}
