// /healthz says the process is alive; /readyz says its dependencies answer: the database, the bus
// (Kafka's brokers describing their cluster; the embedded log is always there) and the cache.
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
