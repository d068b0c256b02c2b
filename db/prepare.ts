// Brings a database to the catalogue: migrations first, then TimescaleDB policies where available.
import type { Store } from './store.ts';
import { applyTimescalePolicies } from './timescale.ts';

export async function prepareDatabase(store: Store): Promise<{ timescale: boolean }> {
  await store.migrate();
  return { timescale: await applyTimescalePolicies(store) };
}
