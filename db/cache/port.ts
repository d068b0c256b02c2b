// The Cache port: what Lifestream keeps transient and shares between processes: rate-limit
// counters, pub/sub for live fan-out, short-lived state such as an open recording's, and schedules
// (when an idle recording closes). redis.ts is the real implementation, in-memory.ts the embedded one.
// While the service is away, an operation fails with DependencyUnavailable('cache') rather than waiting.

export interface RateLimitVerdict {
  allowed: boolean;
  /** When the caller may try again, if not allowed. */
  retryAfterMs: number;
}

export interface Cache {
  /** Counts one request against key's budget of pointsPerMinute. */
  rateLimit(key: string, pointsPerMinute: number): Promise<RateLimitVerdict>;
  publish(channel: string, message: string): Promise<void>;
  /** Delivers every message published on the channel (by any process) until the returned function is called. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /** A value set within its time to live, else undefined. */
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets when member of the named schedule falls due, replacing an earlier time. */
  schedule(name: string, member: string, dueAtMs: number): Promise<void>;
  unschedule(name: string, member: string): Promise<void>;
  /** Members due by nowMs, taken out of the schedule: each goes to exactly one caller, across processes. */
  takeDue(name: string, nowMs: number, limit: number): Promise<string[]>;
  /** Resolves when the cache answers (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
