// The worker pool with a small test worker: jobs run in other threads, at most `size` at once; an
// error, a crash or an overrun fails only its own job; idle workers end and come back when needed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { threadId } from 'node:worker_threads';
import type { PoolTestJob } from '../../test/fixtures/pool-worker.ts';
import { eventually } from '../../test/harness.ts';
import { openWorkerPool, type WorkerPool, type WorkerPoolOptions } from './worker-pool.ts';

const entry = new URL('../../test/fixtures/pool-worker.ts', import.meta.url);
const pools: WorkerPool<PoolTestJob, string | number>[] = [];

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<PoolTestJob, string | number> {
  const opened = openWorkerPool<PoolTestJob, string | number>({ entry, workerData: null, size: 1, idleMs: 60_000, jobTimeoutMs: 60_000, work: 'test job', ...options });
  pools.push(opened);
  return opened;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail('the job succeeded');
}

describe('worker pool', () => {
  after(() => Promise.all(pools.map((opened) => opened.close())));

  it('runs jobs in another thread and answers each with its result', async () => {
    const workers = pool();
    assert.equal(await workers.run({ echo: 'hello' }), 'hello');
    assert.notEqual(await workers.run({ threadId: true }), threadId);
  });

  it('starts at most `size` workers and queues the rest of the jobs', async () => {
    const workers = pool({ size: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => workers.run({ echo: `job ${i}` })));
    assert.deepEqual(results, ['job 0', 'job 1', 'job 2', 'job 3', 'job 4', 'job 5']);
    assert.equal(workers.liveWorkers, 2);
    assert.equal(new Set(await Promise.all(Array.from({ length: 6 }, () => workers.run({ threadId: true })))).size, 2);
  });

  it("gives a job's error back as its name, message and code, and the worker serves the next job", async () => {
    const workers = pool({ reviveError: (error) => Object.assign(new Error(`revived ${error.name}: ${error.message}`), { code: error.code }) });
    const before = await workers.run({ threadId: true });
    const error = await failure(workers.run({ fail: 'no such thing', code: 'NOT_FOUND' }));
    assert.equal(error.message, 'revived RangeError: no such thing');
    assert.ok('code' in error && error.code === 'NOT_FOUND');
    assert.equal(await workers.run({ threadId: true }), before);
  });

  it('fails the job of a worker that crashes, and runs the next one in a new worker', async () => {
    const workers = pool();
    const before = await workers.run({ threadId: true });
    const error = await failure(workers.run({ crash: 'out of cheese' }));
    assert.match(error.message, /the test job worker failed: out of cheese/);
    const after = await workers.run({ threadId: true });
    assert.notEqual(after, before);
  });

  it('fails a job that overruns its time, stopping its worker, and runs the next one', async () => {
    const workers = pool({ jobTimeoutMs: 3000 });
    const error = await failure(workers.run({ spin: true }));
    assert.match(error.message, /test job took longer than 3000 ms; its worker was stopped/);
    assert.equal(await workers.run({ echo: 'still here' }), 'still here');
  });

  it('ends idle workers, however many jobs they ran, and starts one again when work comes', async () => {
    const workers = pool({ idleMs: 200 });
    const first = await workers.run({ threadId: true });
    assert.equal(await workers.run({ threadId: true }), first);
    assert.equal(workers.liveWorkers, 1);
    await eventually(async () => (workers.liveWorkers === 0 ? true : undefined), 'the idle worker to end');
    assert.notEqual(await workers.run({ threadId: true }), first);
  });

  it('fails queued and running jobs when closed, and refuses new ones', async () => {
    const workers = pool();
    const running = failure(workers.run({ spin: true }));
    const queued = failure(workers.run({ echo: 'never' }));
    await workers.close();
    assert.match((await running).message, /the test job pool is closed/);
    assert.match((await queued).message, /the test job pool is closed/);
    assert.match((await failure(workers.run({ echo: 'late' }))).message, /the test job pool is closed/);
    assert.equal(workers.liveWorkers, 0);
  });
});
