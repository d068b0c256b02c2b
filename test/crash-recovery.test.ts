// Killing the persistence consumer (kill -9) in the middle of a stream and starting it again loses
// nothing and duplicates nothing: offsets are committed only after a batch's transaction.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

const consumerEntry = new URL('../consumers/main.ts', import.meta.url).pathname;

function startPersistenceProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', consumerEntry, 'persistence'], {
    env: { ...process.env, ...env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('persistence consumer crash', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('loses nothing and duplicates nothing when killed mid-stream and restarted', async () => {
    const device = uniqueDevice('crash');
    const total = 40_000;
    const start = Date.UTC(2026, 4, 1);
    for (let offset = 0; offset < total; offset += 4_000) {
      const events = Array.from({ length: 4_000 }, (_, i) => ({ deviceId: device, time: new Date(start + (offset + i) * 10).toISOString(), bpm: 60 + (i % 40) }));
      const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(
        `mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount } }`,
        { events },
      );
      assert.equal(result.data?.ingestHeartRate.acceptedCount, 4_000, JSON.stringify(result.errors));
    }
    const count = async () =>
      (await h.services.store.query<{ n: number; ids: number }>(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM heart_rate WHERE device_id = $1`, [device]))[0]!;

    const first = startPersistenceProcess(h.env);
    const atKill = await eventually(async () => {
      const { n } = await count();
      return n > 0 ? n : undefined;
    }, 'the first rows', 3_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    assert.ok(atKill < total, `killed after ${atKill} of ${total} rows: mid-stream`);

    const second = startPersistenceProcess(h.env);
    await eventually(async () => ((await count()).n >= total ? true : undefined), 'every row after the restart', 3_000);
    second.kill('SIGTERM');
    const [exitCode] = await once(second, 'exit');
    assert.equal(exitCode, 0, 'a graceful stop exits 0');
    assert.deepEqual(await count(), { n: total, ids: total });
  });
});
