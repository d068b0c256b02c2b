// Several processes starting at once on a new database (API replicas and consumers rolling out
// together) bring it to the catalogue once: one migrates, the others wait and find it done.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import postgres from 'postgres';
import { openPostgresStore } from '../db/postgres.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { setUpDatabase } from '../db/roles.ts';
import { loadConfig } from '../schema/config.ts';
import { stackEnv } from './stack-env.ts';
import { loginOf, onDatabase, testMode } from './harness.ts';

describe('migrations on PostgreSQL', { skip: testMode !== 'server' && 'PostgreSQL server only: the embedded database has one process' }, () => {
  const database = `lifestream_migrate_${randomUUID().slice(0, 8)}`;
  const env = testMode === 'server' ? stackEnv() : {};
  const admin = postgres(env.LIFESTREAM_STACK_ADMIN_DATABASE_URL ?? 'postgres://unused', { max: 1, onnotice: () => {} });
  after(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('five processes preparing a new database at once all succeed, and each migration is applied once', async () => {
    const config = loadConfig(env);
    await setUpDatabase(env.LIFESTREAM_STACK_ADMIN_DATABASE_URL!, database, { app: loginOf(config.DATABASE_URL!), reader: loginOf(config.LIFESTREAM_SQL_DATABASE_URL!) });
    const stores = Array.from({ length: 5 }, () => openPostgresStore(onDatabase(config.DATABASE_URL!, database), { maxConnections: 3 }));
    try {
      const results = await Promise.allSettled(stores.map((store) => prepareDatabase(store, config.LIFESTREAM_SQL_ROLE)));
      assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
      const applied = await stores[0]!.query<{ hash: string; n: number }>(`SELECT hash, count(*)::int AS n FROM drizzle.__drizzle_migrations GROUP BY hash`);
      assert.ok(applied.length > 0);
      assert.deepEqual(applied.filter((m) => m.n !== 1), []);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
