// The Cache on Redis (ioredis): counters shared by every API instance, pub/sub across processes.
// Every key and channel lives under the deployment's namespace, so deployments sharing a Redis never
// see each other's counters, recordings, schedules or live events. While Redis is away every
// operation fails at once with DependencyUnavailable('cache') (no queue of commands waiting for it:
// a request answers 503, a consumer retries its batch), and ioredis reconnects by itself.
import { Redis, type RedisOptions } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { deploymentKey } from '../../schema/naming.ts';
import { naming } from '../dependency-failure.ts';
import type { Cache } from './port.ts';
import { rateLimiters } from './rate-limiters.ts';

export interface RedisCacheOptions {
  /** LIFESTREAM_NAMESPACE: every key and channel is `<namespace>:<name>`; empty for the names as they are. */
  namespace: string;
}

const connectionOptions: RedisOptions = {
  enableOfflineQueue: false,
  // A command in flight when the connection drops is sent once more after reconnecting, then fails.
  maxRetriesPerRequest: 1,
  // A Redis that accepts connections but does not answer (a network partition) fails commands too.
  commandTimeout: 5_000,
  connectTimeout: 5_000,
};

/** One connection, its outages logged once each rather than on every reconnection attempt. */
function connect(url: string, role: string): Redis {
  const client = new Redis(url, connectionOptions);
  let away = false;
  client.on('error', (error: Error) => {
    if (away) return;
    away = true;
    console.error(`Redis (${role}) unreachable, reconnecting: ${error.message}`);
  });
  client.on('ready', () => {
    if (!away) return;
    away = false;
    console.log(`Redis (${role}) reachable again`);
  });
  return client;
}

export async function openRedisCache(url: string, options: RedisCacheOptions): Promise<Cache> {
  const client = connect(url, 'commands');
  // A connection in subscriber mode can do nothing else.
  const subscriber = connect(url, 'subscriptions');
  // Without the offline queue, nothing may be sent before the connections are up.
  await Promise.all([client, subscriber].map((connection) => new Promise((resolve) => connection.once('ready', resolve))));
  const inNamespace = (name: string) => deploymentKey(options.namespace, name);
  const handlers = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  const limit = rateLimiters(
    (points) => new RateLimiterRedis({ storeClient: client, keyPrefix: inNamespace(`lifestream:rate:${points}`), points, duration: 60 }),
  );
  const onRedis = <T>(operation: () => Promise<T>) => naming('cache', operation);
  return {
    rateLimit: (key, points) => onRedis(() => limit(key, points)),
    publish: (channel, message) => onRedis(async () => void (await client.publish(inNamespace(channel), message))),
    subscribe: (name, onMessage) =>
      onRedis(async () => {
        const channel = inNamespace(name);
        let set = handlers.get(channel);
        if (!set) {
          await subscriber.subscribe(channel);
          handlers.set(channel, (set = new Set()));
        }
        set.add(onMessage);
        return async () => {
          set.delete(onMessage);
          if (set.size === 0) {
            handlers.delete(channel);
            await onRedis(() => subscriber.unsubscribe(channel));
          }
        };
      }),
    get: (key) => onRedis(async () => (await client.get(inNamespace(key))) ?? undefined),
    set: (key, value, ttlSeconds) => onRedis(async () => void (await client.set(inNamespace(key), value, 'EX', Math.max(1, Math.ceil(ttlSeconds))))),
    // A schedule is a sorted set scored by due time; ZREM decides which caller takes a member.
    schedule: (name, member, dueAtMs) => onRedis(async () => void (await client.zadd(inNamespace(name), dueAtMs, member))),
    unschedule: (name, member) => onRedis(async () => void (await client.zrem(inNamespace(name), member))),
    takeDue: (name, nowMs, limit) =>
      onRedis(async () => {
        const schedule = inNamespace(name);
        const due = await client.zrangebyscore(schedule, '-inf', nowMs, 'LIMIT', 0, limit);
        const taken = await Promise.all(due.map(async (member) => ((await client.zrem(schedule, member)) === 1 ? member : undefined)));
        return taken.filter((member) => member !== undefined);
      }),
    ping: () => onRedis(async () => void (await client.ping())),
    async close() {
      client.disconnect();
      subscriber.disconnect();
    },
  };
}
