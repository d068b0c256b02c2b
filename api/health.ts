// /healthz says the process is alive; /readyz says its dependencies answer: the database, the bus
// (Kafka's brokers describing their cluster; the embedded log is always there) and the cache.
// Both answer without a token, for Kubernetes' probes.
import type { ServerResponse } from 'node:http';
import { describeUnavailable } from '../db/dependency-failure.ts';
import type { Services } from './graphql/context.ts';

export async function dependenciesReady(services: Pick<Services, 'store' | 'bus' | 'cache'>): Promise<Record<string, string>> {
  const checks: Record<string, () => Promise<unknown>> = {
    database: () => services.store.query('SELECT 1'),
    bus: () => services.bus.ping(),
    cache: () => services.cache.ping(),
  };
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (e) {
        return [name, describeUnavailable(e)] as const;
      }
    }),
  );
  return Object.fromEntries(results);
}

/** Answers /healthz and /readyz and returns true; any other path is left to the next piece. */
export function healthRoutes(services: Pick<Services, 'store' | 'bus' | 'cache'>) {
  return async (path: string, res: ServerResponse): Promise<boolean> => {
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return true;
    }
    if (path !== '/readyz') return false;
    const checks = await dependenciesReady(services);
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(checks) + '\n');
    return true;
  };
}
