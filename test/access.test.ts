// Closed by default: tokens with scopes, created and revoked by admins or the CLI, and limits that
// answer clearly when tripped.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { overSocket, socketClient } from './socket-client.ts';

const createToken = `mutation($name: String!, $scope: Scope!, $deviceId: ID) {
  createAccessToken(name: $name, scope: $scope, deviceId: $deviceId) { token accessToken { id scope deviceId } }
}`;
const timelineQuery = `{ timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", first: 1) { edges { cursor } } }`;

async function newToken(h: Harness, scope: 'INGEST' | 'READ' | 'ADMIN', deviceId?: string) {
  const result = await h.graphql<{ createAccessToken: { token: string; accessToken: { id: string } } }>(createToken, { name: `test ${scope}`, scope, deviceId });
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return { token: result.data!.createAccessToken.token, id: result.data!.createAccessToken.accessToken.id };
}

describe('access control', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('answers 401 without a token or with an unknown one, and still serves the GraphiQL page, whole, with nothing from elsewhere', async () => {
    for (const token of [null, 'lst_not-a-real-token']) {
      const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query: timelineQuery }) });
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, 'UNAUTHENTICATED');
    }
    const page = await fetch(h.url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<title>Lifestream<\/title>/);
    assert.match(html, /renderYogaGraphiQL/, 'the GraphiQL script is in the page');
    assert.doesNotMatch(html, /<(script|link)[^>]+(src|href)=["']?https?:/, 'no script or stylesheet from another host');
  });

  it('creates, uses, lists and revokes a token, refused at once after revocation', async () => {
    const reader = await newToken(h, 'READ');
    assert.match(reader.token, /^lst_/);
    assert.equal((await h.graphql(timelineQuery, {}, reader.token)).errors, undefined);
    const listed = await h.graphql<{ accessTokens: { id: string; revokedAt: string | null }[] }>(`{ accessTokens { id revokedAt } }`);
    assert.ok(listed.data!.accessTokens.some((t) => t.id === reader.id && t.revokedAt === null));
    const revoked = await h.graphql<{ revokeAccessToken: { revokedAt: string } }>(`mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }`, { id: reader.id });
    assert.ok(revoked.data!.revokeAccessToken.revokedAt);
    const refused = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${reader.token}` }, body: JSON.stringify({ query: timelineQuery }) });
    assert.equal(refused.status, 401);
    const again = await h.graphql(`mutation($id: ID!) { revokeAccessToken(id: $id) { id } }`, { id: reader.id });
    assert.equal(again.errors![0]!.extensions!.code, 'NOT_FOUND');
  });

  it('lets a device token write its own device only, and not read', async () => {
    const device = uniqueDevice('phone');
    const phone = await newToken(h, 'INGEST', device);
    const result = await h.graphql<{ ingest: { accepted: { index: number }[]; errors: { index: number; code: string; message: string }[] } }>(
      `mutation($events: [EventInput!]!) { ingest(events: $events) { accepted { index } errors { index code message } } }`,
      {
        events: [
          { heartRate: { deviceId: device, time: '2026-06-01T10:00:00Z', bpm: 60 } },
          { heartRate: { deviceId: 'someone-elses-laptop', time: '2026-06-01T10:00:00Z', bpm: 60 } },
        ],
      },
      phone.token,
    );
    assert.deepEqual(result.data!.ingest.accepted.map((a) => a.index), [0]);
    assert.deepEqual(result.data!.ingest.errors.map((e) => [e.index, e.code]), [[1, 'FORBIDDEN_DEVICE']]);
    assert.match(result.data!.ingest.errors[0]!.message, /not this token's device/);
    const read = await h.graphql(timelineQuery, {}, phone.token);
    assert.equal(read.errors![0]!.extensions!.code, 'FORBIDDEN');
    assert.match(read.errors![0]!.message, /Query.timeline is not allowed for a token with scope ingest/);
  });

  it('keeps read tokens from writing and from managing tokens', async () => {
    const reader = await newToken(h, 'READ');
    const write = await h.graphql(`mutation { ingestSteps(events: [{ deviceId: "x", time: "2026-06-01T10:00:00Z", count: 1, intervalS: 60 }]) { acceptedCount } }`, {}, reader.token);
    assert.equal(write.errors![0]!.extensions!.code, 'FORBIDDEN');
    const manage = await h.graphql(createToken, { name: 'sneaky', scope: 'ADMIN' }, reader.token);
    assert.equal(manage.errors![0]!.extensions!.code, 'FORBIDDEN');
  });

  it('guards /metrics with a read token', async () => {
    const phone = await newToken(h, 'INGEST', uniqueDevice('phone'));
    const reader = await newToken(h, 'READ');
    const status = async (token?: string) => (await fetch(h.url.replace('/graphql', '/metrics'), { headers: token ? { authorization: `Bearer ${token}` } : {} })).status;
    assert.deepEqual([await status(), await status(phone.token), await status(reader.token)], [401, 403, 200]);
  });

  it('creates tokens from the CLI', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('../api/cli.ts', import.meta.url).pathname, 'token', 'create', '--scope', 'read'], {
      env: { ...process.env, ...h.env },
    });
    const [said, token] = stdout.trim().split('\n').slice(-2);
    const database =
      testMode === 'embedded'
        ? `the embedded database in ${h.env.LIFESTREAM_DATA_DIR} (LIFESTREAM_DATA_DIR)`
        : `the database ${new URL(h.env.DATABASE_URL!).pathname.slice(1)} on ${new URL(h.env.DATABASE_URL!).host} (DATABASE_URL)`;
    assert.equal(said!.replace(/ token [0-9a-f-]{36} /, ' token <id> '), `created read token <id> in ${database}: a Lifestream on another database does not know it`);
    assert.equal((await h.graphql(timelineQuery, {}, token)).errors, undefined);
  });
});

describe('limits', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(testMode, { LIFESTREAM_MAX_BODY_BYTES: '4096', LIFESTREAM_RATE_LIMIT_PER_MINUTE: '8', LIFESTREAM_MAX_QUERY_DEPTH: '5' });
  });
  after(() => h.close());

  it('refuses a body over the size limit with 413 and a chunked body with 411', async () => {
    const big = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}` },
      body: JSON.stringify({ query: `{ eventKinds { topic } }`, padding: 'x'.repeat(5000) }),
    });
    assert.equal(big.status, 413);
    assert.match(((await big.json()) as { errors: { message: string }[] }).errors[0]!.message, /at most 4096 are accepted/);

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.adminToken}`, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ eventKinds { topic } }' }));
    });
    assert.equal(status, 411);
  });

  it('refuses a query deeper than the limit', async () => {
    const deep = await h.graphql(`{ timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { edges { node { ... on AudioChunk { audio { sha256 } } } } } }`);
    assert.match(deep.errors![0]!.message, /depth limit of 5 exceeded/i);
  });

  it('answers 429 with Retry-After once a token spends its budget, leaving other tokens alone', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string } }>(createToken, { name: 'busy reader', scope: 'READ' });
    const busy = created.data!.createAccessToken.token;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 10; i++) {
      const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${busy}` }, body: JSON.stringify({ query: '{ eventKinds { topic } }' }) });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    assert.ok(Number(retryAfter) > 0);
    const other = await h.graphql(`{ eventKinds { topic } }`);
    assert.equal(other.errors, undefined);
  });

  it('holds operations over graphql-ws to the same limits: RATE_LIMITED and depth on the socket, 1009 for a message too big', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string } }>(createToken, { name: 'streaming device', scope: 'INGEST' });
    const client = socketClient(h.url, created.data!.createAccessToken.token);
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) {
        // A refused operation is graphql-ws's error message: the client's error sink gets its GraphQL errors.
        const code = await overSocket<{ ingestAmbientLight: { acceptedCount: number } }>(client, `mutation($t: DateTime!) { ingestAmbientLight(events: [{ deviceId: "lamp", time: $t, lux: 3 }]) { acceptedCount } }`, {
          t: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        }).then(
          (result) => (result.data?.ingestAmbientLight.acceptedCount === 1 ? 'accepted' : JSON.stringify(result.errors)),
          (errors: { extensions?: { code?: string } }[]) => errors[0]?.extensions?.code,
        );
        codes.push(code);
      }
      // The socket's connection does not count: 8 operations pass, then the token's minute is spent.
      assert.deepEqual(codes, ['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await client.dispose();
    }

    const deepReader = socketClient(h.url, (await newToken(h, 'READ')).token);
    try {
      const deep = `{ timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { edges { node { ... on AudioChunk { audio { sha256 } } } } } }`;
      await assert.rejects(overSocket(deepReader, deep, {}), (errors: { message: string }[]) => /depth limit of 5 exceeded/i.test(errors[0]?.message ?? ''));
      await assert.rejects(overSocket(deepReader, '{ eventKinds { topic ', {}), (errors: { message: string }[]) => /Syntax Error/.test(errors[0]?.message ?? ''));
      const after = await overSocket<{ eventKinds: unknown[] }>(deepReader, '{ eventKinds { topic } }', {});
      assert.ok(after.data!.eventKinds.length > 0, 'the socket goes on after a refused query');
    } finally {
      await deepReader.dispose();
    }

    const reader = socketClient(h.url, (await newToken(h, 'READ')).token);
    const closed = new Promise<number>((resolve) => reader.on('closed', (event) => resolve((event as { code: number }).code)));
    try {
      await assert.rejects(overSocket(reader, `{ eventKinds { topic } }`, { padding: 'x'.repeat(5000) }));
      assert.equal(await closed, 1009);
    } finally {
      await reader.dispose();
    }
  });
});
