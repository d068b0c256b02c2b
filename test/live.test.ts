// Live subscriptions: events arrive as they are stored, across API instances, only for valid
// tokens, and a stalled subscriber is dropped without holding back the others.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface Edge {
  cursor: string;
  movedFrom: string | null;
  node: { id: string; kind: string; deviceId: string; time: string; headline: string; status?: string | null };
}

const subscription = `subscription($kinds: [EventKind!], $deviceIds: [ID!], $fieldEquals: [FieldEquals!]) {
  timeline(kinds: $kinds, deviceIds: $deviceIds, fieldEquals: $fieldEquals) { cursor movedFrom node { id kind deviceId time headline ... on CalendarEvent { status } } }
}`;

const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

function connect(url: string, token: string | null, closes: { code: number; reason: string }[] = []): Client {
  return createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
  });
}

interface Stream {
  edges: Edge[];
  errors: unknown[];
  stop: () => void;
}

function subscribe(client: Client, variables: Record<string, unknown>): Stream {
  const stream: Stream = { edges: [], errors: [], stop: () => {} };
  stream.stop = client.subscribe<{ timeline: Edge }>(
    { query: subscription, variables },
    {
      next: (result) => (result.errors ? stream.errors.push(...result.errors) : stream.edges.push(result.data!.timeline)),
      error: (error) => void stream.errors.push(error),
      complete: () => {},
    },
  );
  return stream;
}

let probes = 0;

/** Sends ambient-light probes for the device until `isLive` holds: the subscription is live. */
async function probeUntil(h: Harness, device: string, isLive: () => boolean): Promise<void> {
  await eventually(async () => {
    if (isLive()) return true;
    await h.graphql(`mutation($d: ID!, $t: DateTime!) { ingestAmbientLight(events: [{ deviceId: $d, time: $t, lux: 1 }]) { acceptedCount } }`, {
      d: device,
      t: new Date(Date.UTC(2026, 0, 1, 0, 0, probes++)).toISOString(),
    });
    return undefined;
  }, 'the subscription to go live');
}

const waitLive = (h: Harness, stream: Stream, device: string) => probeUntil(h, device, () => stream.edges.some((e) => e.node.kind === 'AMBIENT_LIGHT'));

const heartRates = (device: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 5, 1) + (from + i) * 1000).toISOString(), bpm: 60 + (i % 100) }));

async function ingestHeartRates(h: Harness, device: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += 5000) {
    const result = await h.graphql(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`, { e: heartRates(device, Math.min(5000, count - from), from) });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  }
}

describe('live subscriptions', () => {
  let h: Harness;
  const clients: Client[] = [];
  before(async () => {
    h = await startHarness(testMode, { LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN: '3', LIFESTREAM_LIVE_KEEPALIVE_S: '1' });
    await h.startPersistence();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h.close();
  });
  const client = (token: string | null = h.adminToken, closes?: { code: number; reason: string }[]) => {
    const c = connect(h.url, token, closes);
    clients.push(c);
    return c;
  };

  it('delivers raw and processed events as they are stored, with cursors that resume the timeline', async () => {
    const device = uniqueDevice('live');
    const stream = subscribe(client(), { deviceIds: [device] });
    await waitLive(h, stream, device);
    await ingestHeartRates(h, device, 3);
    const transcript = {
      id: `${device}-transcript`,
      kind: 'transcriptSegment',
      deviceId: device,
      time: '2026-06-01T00:00:10.000Z',
      receivedAt: new Date().toISOString(),
      payload: { fileId: 'rec-1', segmentId: 's1', text: 'hello world', words: [{ word: 'hello', startMs: 0, endMs: 400, confidence: 0.9 }], model: 'test' },
    };
    await h.rawBus().produce([{ topic: 'media.text.transcribed.words', messages: [{ key: device, value: JSON.stringify(transcript) }] }]);
    const edges = await eventually(async () => {
      const real = stream.edges.filter((e) => e.node.kind !== 'AMBIENT_LIGHT');
      return real.length >= 4 ? real : undefined;
    }, 'three heart rates and a transcript');
    assert.deepEqual(edges.map((e) => e.node.kind).sort(), ['HEART_RATE', 'HEART_RATE', 'HEART_RATE', 'TRANSCRIPT_SEGMENT']);
    assert.equal(edges.find((e) => e.node.kind === 'TRANSCRIPT_SEGMENT')!.node.headline, 'hello world');
    const first = edges.find((e) => e.node.kind === 'HEART_RATE')!;
    const resumed = await h.graphql<{ timeline: { edges: { node: { id: string } }[] } }>(
      `query($after: String, $d: [ID!]) { timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", deviceIds: $d, after: $after, kinds: [HEART_RATE, TRANSCRIPT_SEGMENT]) { edges { node { id } } } }`,
      { after: first.cursor, d: [device] },
    );
    assert.equal(resumed.data!.timeline.edges.length, 3, 'the two later heart rates and the transcript follow the first cursor');
    stream.stop();
  });

  it('tells a subscriber where a moved calendar entry was, so it can drop it there, and delivers its cancellation in place', async () => {
    const device = uniqueDevice('calendar');
    const stream = subscribe(client(), { deviceIds: [device] });
    await waitLive(h, stream, device);
    const entry = (start: string, extra: Record<string, unknown> = {}) => ({ id: 'standup-1', deviceId: device, time: start, endTime: new Date(Date.parse(start) + 900_000).toISOString(), calendarEventId: 'standup-1', title: 'Standup', ...extra });
    const send = async (event: Record<string, unknown>) => {
      const result = await h.graphql(`mutation($e: [CalendarEventInput!]!) { ingestCalendarEvent(events: $e) { acceptedCount } }`, { e: [event] });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    };
    const calendarEdges = (count: number) => eventually(async () => {
      const edges = stream.edges.filter((e) => e.node.kind === 'CALENDAR_EVENT');
      return edges.length >= count ? edges : undefined;
    }, `${count} calendar deliveries`);

    await send(entry('2026-06-03T09:00:00.000Z'));
    await calendarEdges(1);
    await send(entry('2026-06-04T10:00:00.000Z'));
    await send(entry('2026-06-04T10:00:00.000Z', { status: 'CANCELLED' }));
    const [placed, moved, cancelled] = await calendarEdges(3);
    assert.deepEqual([placed!.node.time, placed!.movedFrom], ['2026-06-03T09:00:00.000Z', null]);
    assert.deepEqual([moved!.node.time, moved!.movedFrom], ['2026-06-04T10:00:00.000Z', '2026-06-03T09:00:00.000Z'], 'the move names the time the entry left');
    assert.deepEqual([cancelled!.node.time, cancelled!.movedFrom, cancelled!.node.status], ['2026-06-04T10:00:00.000Z', null, 'CANCELLED'], 'a cancellation is a correction in place');
    assert.equal(moved!.node.id, placed!.node.id);

    const stored = await h.graphql<{ timeline: { edges: { movedFrom: string | null; node: { time: string } }[] } }>(
      `query($d: [ID!]) { timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", deviceIds: $d, kinds: [CALENDAR_EVENT]) { edges { movedFrom node { time } } } }`,
      { d: [device] },
    );
    assert.deepEqual(stored.data!.timeline.edges, [{ movedFrom: null, node: { time: '2026-06-04T10:00:00.000Z' } }], 'one entry, at its new time; queries carry no movedFrom');
    stream.stop();
  });

  it('narrows a stream to one recording with fieldEquals', async () => {
    const device = uniqueDevice('pipeline');
    const stream = subscribe(client(), { deviceIds: [device], kinds: ['TRANSCRIPT_SEGMENT', 'AMBIENT_LIGHT'], fieldEquals: [] });
    await waitLive(h, stream, device);
    const recording = subscribe(client(), { kinds: ['TRANSCRIPT_SEGMENT'], fieldEquals: [{ field: 'fileId', value: `${device}-rec-2` }] });
    const segment = (fileId: string, n: number) => ({
      id: `${device}-${fileId}-${n}`,
      kind: 'transcriptSegment',
      deviceId: device,
      time: new Date(Date.UTC(2026, 5, 2, 0, 0, n)).toISOString(),
      receivedAt: new Date().toISOString(),
      payload: { fileId, segmentId: `s${n}`, text: `words ${n}`, words: [], model: 'test' },
    });
    await h.rawBus().produce([
      {
        topic: 'media.text.transcribed.words',
        messages: [segment(`${device}-rec-1`, 1), segment(`${device}-rec-2`, 2), segment(`${device}-rec-1`, 3)].map((s) => ({ key: device, value: JSON.stringify(s) })),
      },
    ]);
    await eventually(async () => (stream.edges.filter((e) => e.node.kind === 'TRANSCRIPT_SEGMENT').length === 3 ? true : undefined), 'all three segments');
    assert.deepEqual(recording.edges.map((e) => e.node.headline), ['words 2']);
    stream.stop();
    recording.stop();
  });

  it('refuses a connection without a valid token', async () => {
    const closes: { code: number; reason: string }[] = [];
    const stream = subscribe(client(null, closes), {});
    await eventually(async () => (closes.length > 0 ? true : undefined), 'the refusal');
    assert.equal(closes[0]!.code, 4403);
    assert.deepEqual(stream.edges, []);
  });

  it('refuses an ingest token, and a subscription past the per-token limit', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "phone", scope: INGEST, deviceId: "p") { token } }`);
    const phone = subscribe(client(created.data!.createAccessToken.token), {});
    await eventually(async () => (phone.errors.length > 0 ? true : undefined), 'the refusal');
    assert.match(JSON.stringify(phone.errors), /Subscription.timeline is not allowed for a token with scope ingest/);

    const reader = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "reader", scope: READ) { token } }`);
    const readerClient = client(reader.data!.createAccessToken.token);
    const device = uniqueDevice('limit');
    const streams = [subscribe(readerClient, { deviceIds: [device] }), subscribe(readerClient, { deviceIds: [device] }), subscribe(readerClient, { deviceIds: [device] })];
    for (const s of streams) await waitLive(h, s, device);
    const fourth = subscribe(readerClient, {});
    await eventually(async () => (fourth.errors.length > 0 ? true : undefined), 'the fourth subscription refused');
    assert.match(JSON.stringify(fourth.errors), /at most 3 subscriptions/);
    for (const s of streams) s.stop();
  });

  it('closes an open subscription at once when its token is revoked', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string; accessToken: { id: string } } }>(
      `mutation { createAccessToken(name: "watcher", scope: READ) { token accessToken { id } } }`,
    );
    const closes: { code: number; reason: string }[] = [];
    const device = uniqueDevice('revoked');
    const stream = subscribe(client(created.data!.createAccessToken.token, closes), { deviceIds: [device] });
    await waitLive(h, stream, device);
    await h.graphql(`mutation($id: ID!) { revokeAccessToken(id: $id) { id } }`, { id: created.data!.createAccessToken.accessToken.id });
    await eventually(async () => (closes.length > 0 ? true : undefined), 'the socket closed');
    assert.equal(closes[0]!.code, 4403);
    assert.match(closes[0]!.reason, /revoked/);
  });

  it('streams over HTTP (server-sent events, as GraphiQL uses) and ends the stream when the token is revoked', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string; accessToken: { id: string } } }>(
      `mutation { createAccessToken(name: "graphiql", scope: READ) { token accessToken { id } } }`,
    );
    const device = uniqueDevice('sse');
    const response = await fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${created.data!.createAccessToken.token}` },
      body: JSON.stringify({ query: subscription, variables: { deviceIds: [device] } }),
    });
    assert.equal(response.status, 200);
    let received = '';
    const read = (async () => {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) received += chunk;
    })();
    await probeUntil(h, device, () => received.includes('AMBIENT_LIGHT'));
    await h.graphql(`mutation($id: ID!) { revokeAccessToken(id: $id) { id } }`, { id: created.data!.createAccessToken.accessToken.id });
    await read;
    assert.match(received, /event: complete/);
  });

  it('ends a subscriber that stopped dead, and keeps delivering to the others', async () => {
    const device = uniqueDevice('stall');
    const healthy = subscribe(client(), { deviceIds: [device] });
    await waitLive(h, healthy, device);

    const subscriptions = async () => {
      const metrics = await (await fetch(h.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${h.adminToken}` } })).text();
      return Number(/^lifestream_live_subscriptions (\d+)$/m.exec(metrics)?.[1]);
    };
    const others = await subscriptions();
    const stalled = spawn(process.execPath, ['--import', 'tsx', new URL('fixtures/stalled-subscriber.ts', import.meta.url).pathname, wsUrl(h.url), h.adminToken, device], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    createInterface({ input: stalled.stdout! }).on('line', (line) => lines.push(line));
    await probeUntil(h, device, () => lines.includes('next'));
    assert.equal(await subscriptions(), others + 1);
    stalled.kill('SIGSTOP');

    const total = 2_000;
    await ingestHeartRates(h, device, total);
    await eventually(async () => (healthy.edges.filter((e) => e.node.kind === 'HEART_RATE').length === total ? true : undefined), `${total} events on the healthy subscriber`);

    // The server ends it when it leaves the pings unanswered; running again, it finds its
    // connection gone without a close frame.
    await eventually(async () => ((await subscriptions()) === others ? true : undefined), 'the server to end the stalled subscription');
    healthy.stop();
    const exited = once(stalled, 'exit');
    stalled.kill('SIGCONT');
    await eventually(async () => (lines.some((l) => l.startsWith('closed')) ? true : undefined), 'the stalled subscriber to see its connection end');
    assert.deepEqual(lines.filter((l) => l.startsWith('closed')), ['closed 1006']);
    await exited;
  });

  it('delivers to a subscriber of a second API instance what was ingested through the first', { skip: testMode !== 'server' }, async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const second = spawn(process.execPath, ['--import', 'tsx', new URL('../api/main.ts', import.meta.url).pathname], {
      env: { ...process.env, ...h.env, PORT: String(port), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const secondUrl = `http://127.0.0.1:${port}/graphql`;
      await eventually(async () => ((await fetch(secondUrl.replace('/graphql', '/healthz'))).ok ? true : undefined), 'the second API instance');
      const device = uniqueDevice('two-apis');
      const c = connect(secondUrl, h.adminToken);
      clients.push(c);
      const stream = subscribe(c, { deviceIds: [device] });
      await waitLive(h, stream, device);
      await ingestHeartRates(h, device, 5);
      await eventually(async () => (stream.edges.filter((e) => e.node.kind === 'HEART_RATE').length === 5 ? true : undefined), 'five events through the second instance');
    } finally {
      second.kill('SIGTERM');
      await once(second, 'exit');
    }
  });
});
