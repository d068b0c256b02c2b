// The Cache inside one process, for the embedded default: the same operations, in memory.
import { EventEmitter } from 'node:events';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Cache } from './port.ts';
import { rateLimiters } from './rate-limiters.ts';

export function openInMemoryCache(): Cache {
  const channels = new EventEmitter().setMaxListeners(0);
  const values = new Map<string, { value: string; expiresAt: number }>();
  const schedules = new Map<string, Map<string, number>>();
  const scheduleNamed = (name: string) => {
    let schedule = schedules.get(name);
    if (!schedule) schedules.set(name, (schedule = new Map()));
    return schedule;
  };
  return {
    rateLimit: rateLimiters((points) => new RateLimiterMemory({ points, duration: 60 })),
    async publish(channel, message) {
      // Delivered on a later tick, as Redis would: a publisher never runs subscribers' code inline.
      setImmediate(() => channels.emit(channel, message));
    },
    async subscribe(channel, onMessage) {
      channels.on(channel, onMessage);
      return async () => void channels.off(channel, onMessage);
    },
    async get(key) {
      const entry = values.get(key);
      if (entry && entry.expiresAt <= Date.now()) values.delete(key);
      return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
    },
    async set(key, value, ttlSeconds) {
      values.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    async schedule(name, member, dueAtMs) {
      scheduleNamed(name).set(member, dueAtMs);
    },
    async unschedule(name, member) {
      scheduleNamed(name).delete(member);
    },
    async takeDue(name, nowMs, limit) {
      const schedule = scheduleNamed(name);
      const due = [...schedule].filter(([, at]) => at <= nowMs).sort((a, b) => a[1] - b[1]).slice(0, limit).map(([member]) => member);
      for (const member of due) schedule.delete(member);
      return due;
    },
    async ping() {},
    async close() {
      channels.removeAllListeners();
      values.clear();
      schedules.clear();
    },
  };
}
