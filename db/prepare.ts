// Brings a database to the catalogue: migrations first, then TimescaleDB policies where available,
// then the timeline rollups' triggers, then the sql role's grants on the tables as they now are; one
// process at a time, so API replicas and consumers may start together on a new database.
import { grantReader } from './sql/reader-grants.ts';
import type { Store } from './store.ts';
import { applyTimescalePolicies } from './timescale.ts';
import { applyRollups } from './timeline-rollups.ts';

export async function prepareDatabase(store: Store, sqlRole: string): Promise<{ timescale: boolean; sqlRoleExists: boolean }> {
  return store.exclusively(async () => {
    await store.migrate();
    const timescale = await applyTimescalePolicies(store);
    await applyRollups(store, timescale);
    return { timescale, sqlRoleExists: await grantReader(store, sqlRole) };
  });
}
