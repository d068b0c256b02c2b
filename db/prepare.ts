// Brings a database to the catalogue: migrations first, then TimescaleDB policies where available;
// one process at a time, so API replicas and consumers may start together on a new database.
import type { Store } from './store.ts';
import { applyTimescalePolicies } from './timescale.ts';

export async function prepareDatabase(store: Store): Promise<{ timescale: boolean }> {
  return store.exclusively(async () => {
    await store.migrate();
    return { timescale: await applyTimescalePolicies(store) };
  });
}
