// One rate-limiter-flexible limiter per budget, whatever store backs it.
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitVerdict } from './port.ts';

export function rateLimiters(create: (pointsPerMinute: number) => RateLimiterAbstract) {
  const limiters = new Map<number, RateLimiterAbstract>();
  return async (key: string, pointsPerMinute: number): Promise<RateLimitVerdict> => {
    let limiter = limiters.get(pointsPerMinute);
    if (!limiter) limiters.set(pointsPerMinute, (limiter = create(pointsPerMinute)));
    try {
      await limiter.consume(key);
      return { allowed: true, retryAfterMs: 0 };
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return { allowed: false, retryAfterMs: (rejection as RateLimiterRes).msBeforeNext };
    }
  };
}
