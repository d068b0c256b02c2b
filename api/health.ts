// /healthz says the process is alive; /readyz says its dependencies answer.
import type { Services } from './graphql/context.ts';

export async function dependenciesReady(services: Pick<Services, 'store' | 'bus'>): Promise<Record<string, string>> {
  const checks: Record<string, () => Promise<unknown>> = {
    database: () => services.store.query('SELECT 1'),
    bus: () => services.bus.produce([]),
  };
  const results: Record<string, string> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      results[name] = 'ok';
    } catch (e) {
      results[name] = (e as Error).message;
    }
  }
  return results;
}
