// The persistence consumer's work runs in a worker thread of its own, beside the API's event loop:
// its INSERT is the worker's connection's, and a worker that dies in the middle of a batch loses
// nothing: the batch fails like any failed attempt, is retried on a new worker, uncommitted till
// then, and every event is stored once, none dead-lettered.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { failedAttempts } from '../consumers/metrics.ts';
import { persistenceWorkerName } from '../consumers/persistence-in-worker.ts';
import { tableName } from '../db/tables.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { armWorkerThreadExit } from './worker-threads.ts';

const heartRateTopic = heartRate.topic;
const table = tableName(heartRate);
const heartRates = (device: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 6, 1) + i * 1000).toISOString(), bpm: 60 + (i % 40) }));

describe('the persistence worker thread', () => {
  let h: Harness;
  const deadLetters: DeliveredMessage[] = [];
  before(async () => {
    // Topics of its own in server mode: other suites' events on the shared stack do not reach this one's consumer.
    h = await startHarness(testMode, testMode === 'server' ? { LIFESTREAM_NAMESPACE: `persistence-worker-${randomUUID().slice(0, 8)}` } : {});
    await h.startPersistence();
    await h.rawBus().subscribe({ groupId: `test-dlq-${randomUUID()}`, topics: [`${heartRateTopic}.dlq`], eachBatch: async (batch) => void deadLetters.push(...batch.messages) });
  });
  after(() => h.close());

  it('stores on a connection of its own, and loses nothing when it dies in the middle of a batch', async () => {
    const device = uniqueDevice('worker-death');
    const total = 3_000;
    const attempts = async () => (await failedAttempts.get()).values.find((v) => v.labels.consumer === 'persistence' && v.labels.topic === heartRateTopic)?.value ?? 0;
    const failedBefore = await attempts();
    // The table locked against writes: the batch waits in the worker's INSERT until the lock is let go.
    const sql = postgres(h.services.databaseUrl, { max: 1, onnotice: () => {} });
    const locker = await sql.reserve();
    try {
      await locker.unsafe('BEGIN');
      await locker.unsafe(`LOCK TABLE "${table}" IN SHARE MODE`);
      const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(`mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount } }`, {
        events: heartRates(device, total),
      });
      assert.equal(result.data?.ingestHeartRate.acceptedCount, total, JSON.stringify(result.errors));
      const waiting = await eventually(async () => {
        const rows = await h.services.store.query<{ application_name: string }>(
          `SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          [`%INSERT INTO "${table}"%`],
        );
        return rows.length > 0 ? rows : undefined;
      }, "the batch's INSERT waiting on the lock");
      assert.deepEqual(
        waiting.map((row) => row.application_name),
        [persistenceWorkerName],
        "the INSERT is the persistence worker's",
      );

      const exit = await armWorkerThreadExit(persistenceWorkerName, 70);
      exit();
      await eventually(async () => ((await attempts()) > failedBefore ? true : undefined), 'the batch failed with its worker');
    } finally {
      await locker.unsafe('ROLLBACK');
      locker.release();
      await sql.end();
    }

    const count = async () =>
      (await h.services.store.query<{ n: number; ids: number }>(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM "${table}" WHERE device_id = $1`, [device]))[0]!;
    await eventually(async () => ((await count()).n >= total ? true : undefined), 'every event stored by a new worker');
    assert.deepEqual(await count(), { n: total, ids: total });
    assert.deepEqual(
      deadLetters.filter((m) => m.key === device),
      [],
      'nothing dead-lettered',
    );
  });
});
