// What one request may cost: a deadline that cancels its database work, also when the client leaves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { eventually, startHarness, testMode, type Harness } from './harness.ts';
import { overSocket, socketClient } from './socket-client.ts';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

const heartRates = `{ timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", kinds: [HEART_RATE]) { edges { cursor } } }`;

/**
 * Another session holding an ACCESS EXCLUSIVE lock on heart_rate, as a long migration or maintenance
 * job would: a read of that table waits in PostgreSQL until it is cancelled or the lock is released.
 */
async function lockHeartRate(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const holder = await sql.reserve();
  await holder.unsafe('BEGIN');
  await holder.unsafe('LOCK TABLE heart_rate IN ACCESS EXCLUSIVE MODE');
  const holderPid = Number((await holder.unsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0]!.pid);
  return {
    /** The statements of this database running now, but this session's and the lock holder's. */
    async running(): Promise<{ query: string; wait_event_type: string | null }[]> {
      return sql.unsafe(`SELECT query, wait_event_type FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid NOT IN (pg_backend_pid(), $1)`, [holderPid]);
    },
    async release() {
      await holder.unsafe('ROLLBACK');
      holder.release();
      await sql.end();
    },
  };
}

type Lock = Awaited<ReturnType<typeof lockHeartRate>>;

/** A read behind the lock that nothing stops waits forever: fail instead. */
const stuck = 60_000;

const waitingOnTheLock = (lock: Lock) =>
  eventually(async () => ((await lock.running()).some((s) => s.wait_event_type === 'Lock' && s.query.includes('heart_rate')) ? true : undefined), 'the read waiting on the lock');

const nothingLeftRunning = (lock: Lock) =>
  eventually(async () => ((await lock.running()).length === 0 ? true : undefined), 'no statement of the request left running');

describe('request deadline', () => {
  let h: Harness;
  let lock: Lock;
  before(async () => {
    h = await startHarness(testMode, { LIFESTREAM_REQUEST_TIMEOUT_S: '1' });
    lock = await lockHeartRate(h.services.databaseUrl);
  });
  after(async () => {
    await lock.release();
    await h.close();
  });

  it('answers DEADLINE_EXCEEDED over HTTP for a read held up in the database, and cancels its statement there', { timeout: stuck }, async () => {
    const result = await h.graphql(heartRates);
    assert.equal(result.errors?.[0]?.extensions?.code, 'DEADLINE_EXCEEDED', JSON.stringify(result));
    assert.match(result.errors[0]!.message, /deadline of 1 s \(LIFESTREAM_REQUEST_TIMEOUT_S\)/);
    await nothingLeftRunning(lock);
  });

  it('answers DEADLINE_EXCEEDED over graphql-ws too, and cancels the statement', { timeout: stuck }, async () => {
    const client = socketClient(h.url, h.adminToken);
    try {
      const outcome = await overSocket(client, heartRates, {}).then(
        (result) => result.errors ?? [],
        (errors: GraphQLErrorBody[]) => errors,
      );
      assert.equal((outcome[0] as GraphQLErrorBody | undefined)?.extensions?.code, 'DEADLINE_EXCEEDED', JSON.stringify(outcome));
    } finally {
      await client.dispose();
    }
    await nothingLeftRunning(lock);
  });

  it("has PostgreSQL's statement_timeout as a backstop for a statement whose abort never comes", { timeout: stuck }, async () => {
    const never = new AbortController().signal;
    await assert.rejects(h.services.store.query('SELECT count(*) FROM heart_rate', [], { signal: never, timeoutMs: 200 }), (error: { code?: string }) => error.code === '57014');
    await nothingLeftRunning(lock);
  });
});

describe('a client leaving before the answer', () => {
  let h: Harness;
  let lock: Lock;
  before(async () => {
    // A deadline far beyond the test: only the client's leaving can stop the read.
    h = await startHarness(testMode, { LIFESTREAM_REQUEST_TIMEOUT_S: '3600' });
    lock = await lockHeartRate(h.services.databaseUrl);
  });
  after(async () => {
    await lock.release();
    await h.close();
  });

  it('cancels the statement of an HTTP request whose client went away', { timeout: stuck }, async () => {
    const leaving = new AbortController();
    const response = fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` },
      body: JSON.stringify({ query: heartRates }),
      signal: leaving.signal,
    });
    await waitingOnTheLock(lock);
    leaving.abort();
    await assert.rejects(response);
    await nothingLeftRunning(lock);
  });

  it('cancels the statement of a graphql-ws operation whose socket closed', { timeout: stuck }, async () => {
    const client = socketClient(h.url, h.adminToken);
    void overSocket(client, heartRates, {}).catch(() => {});
    await waitingOnTheLock(lock);
    await client.dispose();
    await nothingLeftRunning(lock);
  });
});
