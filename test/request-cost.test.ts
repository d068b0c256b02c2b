// What one request may cost: a deadline that cancels its database work (also when the client leaves),
// caps on list arguments, aliases and root fields, and the batch limit checked before coercion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
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

describe('limits on one request', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(testMode, { LIFESTREAM_MAX_BATCH: '10' });
  });
  after(() => h.close());

  const from = '2026-01-01T00:00:00Z';
  const to = '2026-01-02T00:00:00Z';

  it('refuses a list argument over its limit with BAD_USER_INPUT naming it, over HTTP and graphql-ws', async () => {
    const deviceIds = Array.from({ length: 1001 }, (_, i) => `d${i}`);
    const timeline = await h.graphql(`query($ids: [ID!]) { timeline(from: "${from}", to: "${to}", deviceIds: $ids) { edges { cursor } } }`, { ids: deviceIds });
    assert.equal(timeline.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(timeline.errors[0]!.message, 'Query.timeline(deviceIds:) takes at most 1000 items, got 1001');

    const buckets = await h.graphql(`{ timelineBuckets(from: "${from}", to: "${to}", bucketSeconds: 3600, kinds: [${Array(100).fill('HEART_RATE').join(', ')}]) { count } }`);
    assert.equal(buckets.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(buckets.errors[0]!.message, /^Query\.timelineBuckets\(kinds:\) takes at most \d+ items, got 100$/);

    const ok = await h.graphql(`query($ids: [ID!]) { timeline(from: "${from}", to: "${to}", deviceIds: $ids) { edges { cursor } } }`, { ids: deviceIds.slice(0, 1000) });
    assert.equal(ok.errors, undefined, JSON.stringify(ok.errors));

    const client = socketClient(h.url, h.adminToken);
    try {
      const fieldEquals = Array.from({ length: 21 }, (_, i) => ({ field: 'fileId', value: `rec-${i}` }));
      const refused = await overSocket(client, `subscription($f: [FieldEquals!]) { timeline(fieldEquals: $f) { cursor } }`, { f: fieldEquals }).then(
        (result) => result.errors ?? [],
        (errors: GraphQLErrorBody[]) => errors,
      );
      assert.equal((refused[0] as GraphQLErrorBody | undefined)?.message, 'Subscription.timeline(fieldEquals:) takes at most 20 items, got 21');
    } finally {
      await client.dispose();
    }
  });

  it('counts every alias, __typename too', async () => {
    const aliases = (n: number) => `{ eventKinds { ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} } }`;
    const refused = await h.graphql(aliases(501));
    assert.equal(refused.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.equal(refused.errors[0]!.message, 'Aliases limit of 500 exceeded, found 501: use fewer aliases: split the request');
    assert.equal((await h.graphql(aliases(500))).errors, undefined);
  });

  it('says what to change when a query costs too much or nests too deep', async () => {
    const costly = await h.graphql('{ timeline(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", first: 5000) { edges { node { id } } } }');
    assert.equal(costly.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(
      costly.errors![0]!.message,
      /^Query Cost limit of 50000 exceeded, found \d+: select fewer fields, or ask for fewer items \(timeline takes first: 1–1000\) and page with after \(the limit is LIFESTREAM_MAX_QUERY_COST\)$/,
    );
    const memoAndEvents = (levels: number): string => (levels === 0 ? 'id' : `context { edges { node { memos { ${memoAndEvents(levels - 1)} } } } }`);
    const deep = await h.graphql(`{ memos { edges { node { ${memoAndEvents(3)} } } } }`);
    assert.equal(deep.errors?.[0]?.extensions?.code, 'QUERY_TOO_COMPLEX');
    assert.match(deep.errors![0]!.message, /^Query depth limit of 12 exceeded, found \d+: nest the selection less deeply \(the limit is LIFESTREAM_MAX_QUERY_DEPTH\)$/);
  });

  it('refuses more root fields than LIFESTREAM_MAX_ROOT_FIELDS, aliases and fragments counted', async () => {
    const buckets = (n: number) => Array.from({ length: n }, (_, i) => `b${i}: timelineBuckets(from: "${from}", to: "${to}", bucketSeconds: 60) { count }`).join(' ');
    const fifty = await h.graphql(`{ ${buckets(50)} }`);
    assert.equal(fifty.errors?.[0]?.extensions?.code, 'TOO_MANY_ROOT_FIELDS');
    assert.match(fifty.errors[0]!.message, /at most 10 root fields .* this one 50/);
    const viaFragment = await h.graphql(`query { ...more ${buckets(5)} } fragment more on Query { ${buckets(6).replace(/\bb(\d)/g, 'f$1')} }`);
    assert.equal(viaFragment.errors?.[0]?.extensions?.code, 'TOO_MANY_ROOT_FIELDS', JSON.stringify(viaFragment));
    assert.equal((await h.graphql(`{ ${buckets(10)} }`)).errors, undefined);
  });

  it('refuses a batch over LIFESTREAM_MAX_BATCH before coercing it: BATCH_TOO_LARGE, not the events’ own errors, and nothing stored', async () => {
    const device = uniqueDevice('over-batch');
    await h.startPersistence();
    const valid = Array.from({ length: 11 }, (_, i) => ({ heartRate: { deviceId: device, time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), bpm: 60 } }));
    const tooMany = await h.graphql(`mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`, { events: valid });
    assert.equal(tooMany.errors?.[0]?.extensions?.code, 'BATCH_TOO_LARGE');
    assert.equal(tooMany.errors[0]!.message, 'a batch holds at most 10 events, got 11; split it (nothing was accepted)');

    // Coercion would answer "Exactly one key must be specified" and "Float cannot represent": it never ran.
    const invalid = [...Array.from({ length: 10 }, () => ({})), { heartRate: { deviceId: device, time: 'not a time', bpm: 'fast' } }];
    for (const mutation of [
      `mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`,
      `mutation($events: [JSON!]!) { ingestJson(events: $events) { acceptedCount } }`,
    ]) {
      const refused = await h.graphql(mutation, { events: invalid });
      assert.equal(refused.errors?.length, 1, JSON.stringify(refused.errors));
      assert.equal(refused.errors[0]!.extensions?.code, 'BATCH_TOO_LARGE');
    }
    // Literals in the document are checked as well (validation judges their values: maxTokens bounds those).
    const inline = await h.graphql(`mutation { ingestHeartRate(events: [${valid.map(({ heartRate: e }) => `{ deviceId: "${e.deviceId}", time: "${e.time}", bpm: 60 }`).join(', ')}]) { acceptedCount } }`);
    assert.equal(inline.errors?.[0]?.extensions?.code, 'BATCH_TOO_LARGE', JSON.stringify(inline.errors));

    // A batch at the limit goes through; once it is stored, the refused ones would have been too.
    const atLimit = await h.graphql<{ ingest: { acceptedCount: number } }>(`mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`, { events: valid.slice(0, 10) });
    assert.equal(atLimit.data?.ingest.acceptedCount, 10, JSON.stringify(atLimit.errors));
    const count = async () => (await h.services.store.query<{ n: number }>('SELECT count(*)::int AS n FROM heart_rate WHERE device_id = $1', [device]))[0]!.n;
    await eventually(async () => ((await count()) >= 10 ? true : undefined), 'the batch at the limit stored');
    assert.equal(await count(), 10);
  });
});
