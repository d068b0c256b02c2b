// The Cache on Redis (ioredis): counters shared by every API instance, pub/sub across processes.
// Every key and channel lives under the deployment's namespace, so deployments sharing a Redis never
// see each other's counters, recordings, schedules or live events.
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { deploymentKey } from '../../schema/naming.ts';
import type { Cache } from './port.ts';
import { rateLimiters } from './rate-limiters.ts';

export interface RedisCacheOptions {
  /** LIFESTREAM_NAMESPACE: every key and channel is `<namespace>:<name>`; empty for the names as they are. */
  namespace: string;
}

export function openRedisCache(url: string, options: RedisCacheOptions): Cache {
  const client = new Redis(url, { maxRetriesPerRequest: 3 });
  // A connection in subscriber mode can do nothing else.
  const subscriber = new Redis(url, { maxRetriesPerRequest: 3 });
  const inNamespace = (name: string) => deploymentKey(options.namespace, name);
  const handlers = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  return {
    rateLimit: rateLimiters(
      (points) => new RateLimiterRedis({ storeClient: client, keyPrefix: inNamespace(`lifestream:rate:${points}`), points, duration: 60 }),
    ),
    async publish(channel, message) {
      await client.publish(inNamespace(channel), message);
    },
    async subscribe(name, onMessage) {
      const channel = inNamespace(name);
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await subscriber.subscribe(channel);
      }
      set.add(onMessage);
      return async () => {
        set.delete(onMessage);
        if (set.size === 0) {
          handlers.delete(channel);
          await subscriber.unsubscribe(channel);
        }
      };
    },
    async get(key) {
      return (await client.get(inNamespace(key))) ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      await client.set(inNamespace(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    },
    // A schedule is a sorted set scored by due time; ZREM decides which caller takes a member.
    async schedule(name, member, dueAtMs) {
      await client.zadd(inNamespace(name), dueAtMs, member);
    },
    async unschedule(name, member) {
      await client.zrem(inNamespace(name), member);
    },
    async takeDue(name, nowMs, limit) {
      const schedule = inNamespace(name);
      const due = await client.zrangebyscore(schedule, '-inf', nowMs, 'LIMIT', 0, limit);
      const taken = await Promise.all(due.map(async (member) => ((await client.zrem(schedule, member)) === 1 ? member : undefined)));
      return taken.filter((member) => member !== undefined);
    },
    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
