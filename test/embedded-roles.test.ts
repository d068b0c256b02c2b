// The embedded default's PostgreSQL roles: a data directory from before the split, whose tables
// the bootstrap superuser owns, keeps its data and from then on runs as the unprivileged
// application role, with the sql role reading beside it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import postgres from 'postgres';
import { openStore } from '../db/open-store.ts';
import { loadConfig } from '../schema/config.ts';
import { buildLegacyDataDir } from './fixtures/legacy-embedded-postgres.ts';
import { testMode } from './harness.ts';

describe('embedded PostgreSQL roles', { skip: testMode !== 'embedded' && 'embedded default only' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-legacy-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('moves a data directory made by the bootstrap superuser to the application role, keeping its rows', async () => {
    await buildLegacyDataDir(dir);
    for (const start of ['first', 'second']) {
      const opened = await openStore(loadConfig({ LIFESTREAM_DATA_DIR: dir }));
      try {
        const [me] = await opened.store.query<{ name: string; rolsuper: boolean }>('SELECT rolname AS name, rolsuper FROM pg_roles WHERE rolname = current_user');
        assert.deepEqual(me, { name: 'lifestream_app', rolsuper: false }, start);
        const owners = await opened.store.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`);
        assert.deepEqual([...owners], [{ owner: 'lifestream_app' }], start);
        const reader = postgres(opened.sqlDatabaseUrl!, { max: 1, onnotice: () => {} });
        try {
          assert.deepEqual([...(await reader`SELECT bpm FROM heart_rate WHERE id = 'legacy'`)], [{ bpm: 64 }], start);
        } finally {
          await reader.end();
        }
        await opened.store.query(`INSERT INTO heart_rate (id, device_id, time, received_at, bpm) VALUES ($1, 'old-watch', now(), now(), 70)`, [start]);
      } finally {
        await opened.close();
      }
    }
    assert.equal(existsSync(join(dir, 'postgres.secret')), false, 'the lone superuser password gave way to the logins file');
    assert.equal(statSync(join(dir, 'postgres-logins.json')).mode & 0o777, 0o600);
  });
});
