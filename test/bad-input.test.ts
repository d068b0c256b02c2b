// Bad input as a careless or hostile client sends it, answered clearly: what PostgreSQL could not
// keep is refused per event instead of acknowledged and dead-lettered, a body that is not UTF-8 or a
// document nested past the parser is a request error with a code, the body limit in force is the
// documented one, a refused graphql-ws connection says why, a client's mistake is one log line, and
// the demo fails in one line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { inspect, promisify } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface IngestData {
  acceptedCount: number;
  accepted: { index: number; id: string }[];
  errors: { index: number; field: string; code: string; message: string }[];
}

const ingestFields = 'acceptedCount accepted { index id } errors { index field code message }';
const beyondYear9999 = '9999-12-31T23:59:59-23:59';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** A POST of these bytes as they are, with the admin token, answered as GraphQL over HTTP. */
async function post(h: Harness, body: string | Blob, accept = 'application/graphql-response+json'): Promise<Answer> {
  const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${h.adminToken}` }, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** How a graphql-ws connection with these connection parameters ended. */
async function socketEnd(h: Harness, connectionParams: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: h.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
  });
  await new Promise<void>((resolve) => client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: () => resolve(), complete: () => resolve() }));
  await client.dispose();
  return { code: closes[0]!.code, reason: closes[0]!.reason };
}

/** What console.error wrote while `run` ran, as the log would hold it. */
async function errorLog(run: () => Promise<void>): Promise<string> {
  const logged: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  try {
    await run();
  } finally {
    console.error = consoleError;
  }
  return logged.join('\n');
}

async function storedIds(h: Harness, table: string, deviceId: string): Promise<string[]> {
  const rows = await h.services.store.query<{ id: string }>(`SELECT id FROM ${table} WHERE device_id = $1 ORDER BY id`, [deviceId]);
  return rows.map((r) => r.id);
}

describe('bad input answered clearly', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(testMode);
    await h.startPersistence();
  });
  after(() => h.close());

  describe('what PostgreSQL could not keep is refused per event, never acknowledged', () => {
    it('refuses NUL and lone surrogates in texts and ids, typed and JSON alike, and stores the good events under the ids it acknowledged', async () => {
      const device = uniqueDevice('text');
      const time = (second: number) => `2026-06-01T09:00:0${second}Z`;
      const events = [
        { deviceId: device, time: time(0), text: 'fine', id: `${device}-ünïcødé-🙂` },
        { deviceId: device, time: time(1), text: 'nul \u0000 inside' },
        { deviceId: device, time: time(2), text: 'fine', id: `${device}-nul-\u0000` },
        { deviceId: device, time: time(3), text: 'half a pair \ud83d' },
        { deviceId: `${device}\u0000`, time: time(4), text: 'fine' },
        { deviceId: device, time: time(5), text: 'fine', sourceApp: 'lone \udc00 low' },
      ];
      const expected = [
        [1, 'text', 'INVALID_FIELD'],
        [2, 'id', 'INVALID_FIELD'],
        [3, 'text', 'INVALID_FIELD'],
        [4, 'deviceId', 'INVALID_FIELD'],
        [5, 'sourceApp', 'INVALID_FIELD'],
      ];
      const typed = await h.graphql<{ ingestClipboard: IngestData }>(`mutation($e: [ClipboardInput!]!) { ingestClipboard(events: $e) { ${ingestFields} } }`, { e: events });
      assert.equal(typed.errors, undefined, JSON.stringify(typed.errors));
      assert.deepEqual(typed.data!.ingestClipboard.errors.map((e) => [e.index, e.field, e.code]), expected);
      assert.match(typed.data!.ingestClipboard.errors[0]!.message, /^event 1 \(clipboard\): text must not contain NUL \(U\+0000\), found at character 5/);
      assert.match(typed.data!.ingestClipboard.errors[2]!.message, /text must be well-formed Unicode, found a lone surrogate U\+D83D/);

      const jsonDevice = uniqueDevice('text-json');
      const json = await h.graphql<{ ingestJson: IngestData }>(`mutation($e: [JSON!]!) { ingestJson(events: $e) { ${ingestFields} } }`, {
        e: events.map((e) => ({ clipboard: { ...e, deviceId: e.deviceId.replace(device, jsonDevice), ...(e.id ? { id: e.id.replace(device, jsonDevice) } : {}) } })),
      });
      assert.deepEqual(json.data!.ingestJson.errors.map((e) => [e.index, e.field, e.code]), expected);

      for (const [deviceId, accepted] of [
        [device, typed.data!.ingestClipboard.accepted],
        [jsonDevice, json.data!.ingestJson.accepted],
      ] as const) {
        assert.deepEqual(accepted.map((a) => a.index), [0]);
        await eventually(async () => ((await storedIds(h, 'clipboard', deviceId)).length === 1 ? true : undefined), 'the good event stored');
        assert.deepEqual(await storedIds(h, 'clipboard', deviceId), [accepted[0]!.id], 'stored under the id acknowledged');
      }
    });

    it('refuses a time that leaves years 0001–9999 once its offset is applied, in any timestamp field, with TIME_OUT_OF_RANGE', async () => {
      const device = uniqueDevice('years');
      const meeting = { deviceId: device, time: '2026-06-01T09:00:00Z', calendarEventId: 'c1', title: 'Standup', endTime: '2026-06-01T09:15:00Z' };
      const tweet = { deviceId: device, time: '2026-06-01T09:00:00Z', tweetId: '1', authorHandle: 'a', text: 't', url: 'https://example.com/t/1' };
      const result = await h.graphql<{ ingest: IngestData }>(`mutation($e: [EventInput!]!) { ingest(events: $e) { ${ingestFields} } }`, {
        e: [
          { calendarEvent: { ...meeting, time: beyondYear9999 } },
          { calendarEvent: { ...meeting, calendarEventId: 'c2', endTime: beyondYear9999 } },
          { likedTweet: { ...tweet, postedAt: '0001-01-01T00:00:00+01:00' } },
          { calendarEvent: { ...meeting, calendarEventId: 'c3' } },
        ],
      });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      assert.deepEqual(
        result.data!.ingest.errors.map((e) => [e.index, e.field, e.code]),
        [
          [0, 'time', 'TIME_OUT_OF_RANGE'],
          [1, 'endTime', 'TIME_OUT_OF_RANGE'],
          [2, 'postedAt', 'TIME_OUT_OF_RANGE'],
        ],
      );
      assert.match(result.data!.ingest.errors[1]!.message, /endTime must fall within years 0001–9999 in UTC once its offset is applied, got \+010000-01-01T23:58:59\.000Z/);
      const json = await h.graphql<{ ingestJson: IngestData }>(`mutation($e: [JSON!]!) { ingestJson(events: $e) { ${ingestFields} } }`, {
        e: [{ calendarEvent: { ...meeting, calendarEventId: 'c4', endTime: beyondYear9999 } }],
      });
      assert.deepEqual(json.data!.ingestJson.errors.map((e) => [e.field, e.code]), [['endTime', 'TIME_OUT_OF_RANGE']]);
      await eventually(async () => ((await storedIds(h, 'calendar_event', device)).length === 1 ? true : undefined), 'the good meeting stored');
    });

    it('reads lower-case t and z the same on both ingest paths', async () => {
      const device = uniqueDevice('lower');
      const typed = await h.graphql<{ ingestHeartRate: IngestData }>(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { ${ingestFields} } }`, {
        e: [{ deviceId: device, time: '2026-06-01t09:00:00z', bpm: 61 }],
      });
      const json = await h.graphql<{ ingestJson: IngestData }>(`mutation($e: [JSON!]!) { ingestJson(events: $e) { ${ingestFields} } }`, {
        e: [{ heartRate: { deviceId: device, time: '2026-06-01t09:00:00z', bpm: 61 } }, { heartRate: { deviceId: device, time: '2026-06-01T09:00:00', bpm: 61 } }],
      });
      assert.equal(typed.data!.ingestHeartRate.acceptedCount, 1, JSON.stringify(typed));
      assert.deepEqual(json.data!.ingestJson.accepted.map((a) => a.id), typed.data!.ingestHeartRate.accepted.map((a) => a.id), 'the same event, the same derived id');
      assert.match(json.data!.ingestJson.errors[0]!.message, /time must be an ISO-8601 time with offset \(RFC 3339\)/);
      const noOffset = await h.graphql(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`, { e: [{ deviceId: device, time: '2026-06-01T09:00:00', bpm: 61 }] });
      assert.match(noOffset.errors![0]!.message, /DateTime must be an ISO-8601 time with offset \(RFC 3339\)/);
    });

    it('refuses a body that is not UTF-8 with 400 BAD_REQUEST instead of storing U+FFFD in its place', async () => {
      const device = uniqueDevice('latin1');
      const text = JSON.stringify({
        query: `mutation($e: [ClipboardInput!]!) { ingestClipboard(events: $e) { acceptedCount } }`,
        variables: { e: [{ deviceId: device, time: '2026-06-01T09:00:00Z', text: 'caf@' }] },
      });
      // "café" as Latin-1 sends it: one byte 0xE9, no UTF-8 sequence.
      const bytes = Buffer.from(text, 'utf8');
      bytes[bytes.indexOf('caf@') + 3] = 0xe9;
      const answer = await post(h, new Blob([bytes]));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errors![0]!.extensions!.code, 'BAD_REQUEST');
      assert.match(answer.body.errors![0]!.message, /not valid UTF-8/);
      assert.equal(answer.body.data, undefined);
      assert.deepEqual(await storedIds(h, 'clipboard', device), []);
    });
  });

  describe('GraphQL over HTTP', () => {
    const nested = (levels: number) => `{${'timeline{'.repeat(levels - 1)}id${'}'.repeat(levels)}`;

    it('answers a document nested 10,000 deep with QUERY_TOO_COMPLEX naming the limit, over HTTP and graphql-ws, instead of a 500', async () => {
      const query = JSON.stringify({ query: nested(10_000) });
      const strict = await post(h, query);
      assert.equal(strict.status, 400);
      assert.equal(strict.body.errors![0]!.extensions!.code, 'QUERY_TOO_COMPLEX');
      assert.match(strict.body.errors![0]!.message, /nests brackets more than 256 levels deep.*LIFESTREAM_MAX_QUERY_DEPTH \(12\)/);
      const legacy = await post(h, query, 'application/json');
      assert.equal(legacy.status, 200, 'application/json: a request error is answered 200 (GraphQL over HTTP)');
      assert.equal(legacy.body.errors![0]!.extensions!.code, 'QUERY_TOO_COMPLEX');
      const client = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
      try {
        const overSocket = await new Promise<unknown>((resolve) => client.subscribe({ query: nested(10_000) }, { next: () => {}, error: resolve, complete: () => resolve(undefined) }));
        assert.match(JSON.stringify(overSocket), /QUERY_TOO_COMPLEX/);
      } finally {
        await client.dispose();
      }
    });

    it('refuses kinds: [] with BAD_USER_INPUT saying to leave kinds out for every kind, in timeline, timelineBuckets, timelineBucketSeries and the subscription alike', async () => {
      const refusal = /kinds: \[\] selects no kind, so nothing: leave kinds out for every kind, or name at least one/;
      for (const query of [
        '{ timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", kinds: []) { edges { cursor } } }',
        '{ timelineBuckets(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", bucketSeconds: 3600, kinds: []) { count } }',
        '{ timelineBucketSeries(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", bucketSeconds: 3600, kinds: []) { kind } }',
      ]) {
        const answer = await h.graphql(query);
        assert.equal(answer.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', query);
        assert.match(answer.errors?.[0]?.message ?? '', refusal, query);
      }
      const client = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
      try {
        const overSocket = await new Promise<unknown>((resolve) => client.subscribe({ query: 'subscription { timeline(kinds: []) { cursor } }' }, { next: resolve, error: resolve, complete: () => resolve(undefined) }));
        assert.match(JSON.stringify(overSocket), /BAD_USER_INPUT/);
        assert.match(JSON.stringify(overSocket), refusal);
      } finally {
        await client.dispose();
      }
    });

    it('takes bodies up to LIFESTREAM_MAX_BODY_BYTES (32 MiB), not yoga’s 25 MB, and refuses a larger one with 413 PAYLOAD_TOO_LARGE', async () => {
      const padded = (bytes: number) => {
        const shell = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
        return JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(bytes - shell.length) } });
      };
      const past25MB = await post(h, padded(26_000_000));
      assert.equal(past25MB.status, 200, JSON.stringify(past25MB.body.errors));
      assert.deepEqual(past25MB.body.data, { __typename: 'Query' });
      const tooLarge = await post(h, padded(32 * 1024 * 1024 + 1));
      assert.equal(tooLarge.status, 413);
      assert.equal(tooLarge.body.errors![0]!.extensions!.code, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a POST that is not JSON, multipart or application/graphql with 415 UNSUPPORTED_MEDIA_TYPE naming the type to send, and keeps nothing', async () => {
      const device = uniqueDevice('form');
      const body = JSON.stringify({ query: `mutation { ingestHeartRate(events: [{deviceId: "${device}", time: "2026-06-01T09:00:00Z", bpm: 61}]) { acceptedCount } }` });
      for (const [contentType, named] of [
        ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded (curl -d sends that unless given -H "content-type: application/json")'],
        ['text/plain;charset=UTF-8', 'text/plain'],
      ]) {
        const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': contentType!, authorization: `Bearer ${h.adminToken}` }, body });
        assert.equal(response.status, 415, contentType);
        assert.deepEqual(await response.json(), {
          errors: [{ message: `POST /graphql takes Content-Type: application/json (a GraphQL request as JSON) or multipart/form-data (uploads), got ${named}`, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
        });
      }
      const untyped = await fetch(h.url, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` }, body: new Blob([body]) });
      assert.equal(untyped.status, 415);
      assert.match(((await untyped.json()) as Answer['body']).errors![0]!.message, /, got none$/);
      const asGraphql = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/graphql', authorization: `Bearer ${h.adminToken}` }, body: '{ __typename }' });
      assert.deepEqual(await asGraphql.json(), { data: { __typename: 'Query' } });
      assert.deepEqual(await storedIds(h, 'heart_rate', device), []);
    });

    it('answers a variables error as a request error with BAD_USER_INPUT: 400 for application/graphql-response+json, 200 for application/json', async () => {
      const request = JSON.stringify({ query: 'query($first: Int!) { timeline(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", first: $first) { edges { cursor } } }', variables: { first: 'ten' } });
      for (const [accept, status] of [
        ['application/graphql-response+json', 400],
        ['application/json', 200],
      ] as const) {
        const answer = await post(h, request, accept);
        assert.equal(answer.status, status, accept);
        assert.equal(answer.body.data, undefined);
        assert.equal(answer.body.errors![0]!.extensions!.code, 'BAD_USER_INPUT', accept);
        assert.match(answer.body.errors![0]!.message, /Variable "\$first" got invalid value "ten"/);
      }
    });

    it('refuses NUL and lone surrogates in the arguments of queries and mutations with INVALID_TEXT naming the argument, instead of a 500', async () => {
      const range = 'from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z"';
      const cases: [string, Record<string, unknown>, string, RegExp][] = [
        [`{ timeline(${range}, text: "a\\u0000b") { edges { cursor } } }`, {}, 'timeline(text)', /must not contain NUL \(U\+0000\), found at character 2/],
        [`query($devices: [ID!]) { timelineBuckets(${range}, bucketSeconds: 3600, deviceIds: $devices) { count } }`, { devices: ['phone', 'x\u0000'] }, 'timelineBuckets(deviceIds[1])', /NUL/],
        ['query($search: String) { memos(search: $search) { edges { cursor } } }', { search: 'note \ud800' }, 'memos(search)', /lone surrogate U\+D800 at character 6/],
        ['query($tags: [String!]) { memos(tags: $tags) { edges { cursor } } }', { tags: ['work', '\u0000'] }, 'memos(tags[1])', /NUL/],
        ['mutation($name: String!) { createAccessToken(name: $name, scope: READ) { token } }', { name: 'phone\u0000' }, 'createAccessToken(name)', /NUL/],
        ['mutation($device: ID) { createAccessToken(name: "phone", scope: INGEST, deviceId: $device) { token } }', { device: '\udfff' }, 'createAccessToken(deviceId)', /lone surrogate/],
        ['query($query: String!) { sql(query: $query) { engine } }', { query: "SELECT '\u0000'" }, 'sql(query)', /NUL/],
        ['query($id: ID!) { event(id: $id) { id } }', { id: '\u0000' }, 'event(id)', /NUL/],
      ];
      for (const [query, variables, argument, why] of cases) {
        const answer = await post(h, JSON.stringify({ query, variables }));
        assert.equal(answer.status, 400, `${argument}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.data, undefined, argument);
        const [error] = answer.body.errors!;
        assert.deepEqual(error!.extensions, { code: 'INVALID_TEXT', argument }, argument);
        assert.match(error!.message, new RegExp(`^argument ${argument.replace(/[()[\]]/g, '\\$&')} `), argument);
        assert.match(error!.message, why, argument);
      }
      const nulCursor = Buffer.from(JSON.stringify(['0', '\u0000', 'phone'])).toString('base64url');
      const cursor = await h.graphql(`{ timeline(${range}, after: "${nulCursor}") { edges { cursor } } }`);
      assert.equal(cursor.errors![0]!.extensions!.code, 'BAD_CURSOR');
    });

    it('logs a client’s mistake in one line, without a stack', async () => {
      const log = await errorLog(async () => {
        await post(h, JSON.stringify({ query: 'query($first: Int!) { timeline(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", first: $first) { edges { cursor } } }', variables: { first: 'x'.repeat(10_000) } }));
        await post(h, JSON.stringify({ query: '{ timeline(' }));
      });
      const lines = log.split('\n').filter((line) => line.startsWith('client error'));
      assert.equal(lines.length, 2, log);
      assert.match(lines[0]!, /^client error BAD_USER_INPUT: Variable "\$first" got invalid value "x+…$/);
      assert.ok(lines[0]!.length < 400, 'a value as long as the body is cut short');
      assert.match(lines[1]!, /^client error GRAPHQL_PARSE_FAILED: Syntax Error: Expected Name, found <EOF>\.$/);
      assert.doesNotMatch(log, /GraphQLError/, 'no error logged whole');
    });
  });

  describe('refused credentials say which', () => {
    it('closes a graphql-ws connection with 4403 and a reason naming a missing, malformed or unknown token, as HTTP answers 401', async () => {
      const missing = await socketEnd(h, {});
      assert.deepEqual(missing, { code: 4403, reason: 'UNAUTHENTICATED: no token: send connectionParams.authorization: Bearer <token>' });
      const malformed = await socketEnd(h, { authorization: h.adminToken });
      assert.deepEqual(malformed, { code: 4403, reason: 'UNAUTHENTICATED: connectionParams.authorization must be "Bearer <token>", your token (lst_...) for <token>' });
      const unknown = await socketEnd(h, { authorization: 'Bearer lst_nobody-issued-this-token' });
      assert.equal(unknown.code, 4403);
      assert.match(unknown.reason, /^UNAUTHENTICATED: unknown or revoked token/);
      for (const { reason } of [missing, malformed, unknown]) assert.ok(Buffer.byteLength(reason) <= 123, 'within the WebSocket close reason limit');

      const http = async (authorization?: string) => {
        const response = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: '{"query":"{ __typename }"}' });
        return { status: response.status, message: ((await response.json()) as Answer['body']).errors![0]!.message };
      };
      assert.deepEqual(await http(), { status: 401, message: 'no token: send Authorization: Bearer <token>' });
      assert.deepEqual(await http(`Token ${h.adminToken}`), { status: 401, message: 'Authorization must be "Bearer <token>", your token (lst_...) for <token>' });
      // GraphiQL's headers pane as it opens.
      assert.deepEqual(await http('Bearer <your token>'), { status: 401, message: 'Authorization must be "Bearer <token>", your token (lst_...) for <token>' });
      assert.match((await http('Bearer lst_nobody-issued-this-token')).message, /^unknown or revoked token/);
    });

    it('takes the token under connectionParams.Authorization too, as an HTTP header’s name has no case', async () => {
      const client = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
      try {
        const result = await new Promise<unknown>((resolve, reject) => {
          let data: unknown;
          client.subscribe({ query: '{ __typename }' }, { next: (r) => void (data = r.data), error: reject, complete: () => resolve(data) });
        });
        assert.deepEqual(result, { __typename: 'Query' });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('the demo', () => {
    it('fails in one line, with what to do, when a device’s ingest token cannot write the fixture’s devices', { timeout: 120_000 }, async () => {
      const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation($d: ID!) { createAccessToken(name: "phone", scope: INGEST, deviceId: $d) { token } }`, {
        d: uniqueDevice('phone'),
      });
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('../scripts/demo.ts', import.meta.url).pathname, 'day', '--date', '2026-06-01', '--url', h.url, '--token', created.data!.createAccessToken.token]);
      const failure = await run.then(
        () => assert.fail('the demo succeeded with a token for another device'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failure.code, 1);
      const lines = failure.stderr.trim().split('\n');
      assert.equal(lines.length, 1, failure.stderr);
      assert.match(lines[0]!, /^demo: 1000 of 1000 events rejected: 1000 × FORBIDDEN_DEVICE \(event 0 \(heartRate\): deviceId "watch" is not this token's device/);
      assert.match(lines[0]!, /use an ingest token without a device/);
      assert.ok(lines[0]!.length < 600, lines[0]);
    });
  });
});
