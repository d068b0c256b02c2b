// What identifies an event: its device, time (to the microsecond) and id. Two devices sharing an id
// keep two events, one device cannot pre-empt another's, times differing below the millisecond stay
// apart, a re-send with the same payload is stored once and a corrected re-send replaces the event.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { socketClient } from './socket-client.ts';

interface Node {
  id: string;
  deviceId: string;
  time: string;
  receivedAt: string;
  bpm?: number;
}
interface TimelineData {
  timeline: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface IngestData {
  ingest: { acceptedCount: number; accepted: { index: number; id: string }[]; errors: { message: string }[] };
}

const ingestMutation = `mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount accepted { index id } errors { message } } }`;
const range = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

async function timelineOf(h: Harness, deviceIds: string[], extra: Record<string, unknown> = {}): Promise<TimelineData['timeline']> {
  const result = await h.graphql<TimelineData>(
    `query($from: DateTime!, $to: DateTime!, $devices: [ID!], $first: Int, $after: String) {
      timeline(from: $from, to: $to, deviceIds: $devices, first: $first, after: $after) {
        edges { cursor node { id deviceId time receivedAt ... on HeartRate { bpm } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...range, devices: deviceIds, first: 1000, ...extra },
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data!.timeline;
}

async function ingest(h: Harness, events: Record<string, unknown>[], token?: string): Promise<IngestData['ingest']> {
  const result = await h.graphql<IngestData>(ingestMutation, { events }, token);
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert.deepEqual(result.data!.ingest.errors, []);
  return result.data!.ingest;
}

/**
 * Sends a sentinel after what was sent before on this device and kind (one partition, in order):
 * once it is stored, everything before it has been handled too. Returns its id.
 */
async function settled(h: Harness, deviceId: string): Promise<string> {
  const id = `sentinel-${randomUUID()}`;
  await ingest(h, [{ heartRate: { deviceId, time: '2026-01-01T00:00:00Z', bpm: 20, id } }]);
  await eventually(async () => ((await timelineOf(h, [deviceId])).edges.some((e) => e.node.id === id) ? true : undefined), 'the sentinel');
  return id;
}

const heartRates = async (h: Harness, deviceId: string) => [
  ...(await h.services.store.query<{ id: string; bpm: number; time: string }>(`SELECT id, bpm, to_char(time AT TIME ZONE 'UTC', 'HH24:MI:SS.US') AS time FROM heart_rate WHERE device_id = $1 AND bpm <> 20 ORDER BY time, id`, [deviceId])),
];

describe('event identity: device, time to the microsecond, id', () => {
  let h: Harness;
  before(async () => {
    // Topics and channels of its own: other deployments' consumers on the shared Kafka and Redis
    // would store and announce these events too, and this suite counts announcements.
    h = await startHarness(testMode, testMode === 'server' ? { LIFESTREAM_NAMESPACE: `collisions-${randomUUID().slice(0, 8)}` } : {});
    await h.startPersistence();
  });
  after(() => h.close());

  it('keeps the same id at the same time from two devices as two events, each device its own', async () => {
    const [phone, watch] = [uniqueDevice('phone'), uniqueDevice('watch')];
    const id = `shared-${randomUUID()}`;
    const time = '2026-06-01T09:00:00Z';
    await ingest(h, [{ heartRate: { deviceId: phone, time, bpm: 61, id } }, { heartRate: { deviceId: watch, time, bpm: 62, id } }]);
    await Promise.all([settled(h, phone), settled(h, watch)]);
    assert.deepEqual(await heartRates(h, phone), [{ id, bpm: 61, time: '09:00:00.000000' }]);
    assert.deepEqual(await heartRates(h, watch), [{ id, bpm: 62, time: '09:00:00.000000' }]);
    const both = (await timelineOf(h, [phone, watch])).edges.filter((e) => e.node.id === id);
    assert.deepEqual(both.map((e) => [e.node.deviceId, e.node.bpm]).sort(), [[phone, 61], [watch, 62]].sort());

    const lookup = `query($id: ID!, $device: ID) { event(id: $id, deviceId: $device) { deviceId ... on HeartRate { bpm } } }`;
    const ofWatch = await h.graphql<{ event: { deviceId: string; bpm: number } }>(lookup, { id, device: watch });
    assert.deepEqual(ofWatch.data!.event, { deviceId: watch, bpm: 62 });
    const ambiguous = await h.graphql(lookup, { id });
    assert.equal(ambiguous.errors![0]!.extensions!.code, 'AMBIGUOUS_EVENT_ID');
    assert.match(ambiguous.errors![0]!.message, new RegExp(`^2 events have id "${id}" \\(.*${watch} at 2026-06-01T09:00:00.000Z.*\\): pass deviceId`));
  });

  it("does not let one device's token pre-empt another device's event by writing its id first", async () => {
    const [intruder, victim] = [uniqueDevice('intruder'), uniqueDevice('victim')];
    const created = await h.graphql<{ createAccessToken: { token: string } }>(
      `mutation($deviceId: ID) { createAccessToken(name: "intruder", scope: INGEST, deviceId: $deviceId) { token } }`,
      { deviceId: intruder },
    );
    const id = `victim-reading-${randomUUID()}`;
    const time = '2026-06-01T10:00:00Z';
    await ingest(h, [{ heartRate: { deviceId: intruder, time, bpm: 200, id } }], created.data!.createAccessToken.token);
    await settled(h, intruder);
    await ingest(h, [{ heartRate: { deviceId: victim, time, bpm: 64, id } }]);
    await settled(h, victim);
    assert.deepEqual(await heartRates(h, victim), [{ id, bpm: 64, time: '10:00:00.000000' }]);
    assert.deepEqual(await heartRates(h, intruder), [{ id, bpm: 200, time: '10:00:00.000000' }]);
  });

  it('keeps times that differ below the millisecond apart, with their microseconds, in order, page by page', async () => {
    const device = uniqueDevice('micro');
    const times = ['2026-06-01T11:00:00.123003Z', '2026-06-01T11:00:00.123001Z', '2026-06-01T13:00:00.123002+02:00'];
    const accepted = await ingest(h, times.map((time) => ({ heartRate: { deviceId: device, time, bpm: 70 } })));
    assert.equal(new Set(accepted.accepted.map((a) => a.id)).size, 3, 'three derived ids');
    await settled(h, device);
    assert.deepEqual((await heartRates(h, device)).map((r) => r.time), ['11:00:00.123001', '11:00:00.123002', '11:00:00.123003']);

    const expected = ['2026-06-01T11:00:00.123001Z', '2026-06-01T11:00:00.123002Z', '2026-06-01T11:00:00.123003Z'];
    const whole = await timelineOf(h, [device], { from: '2026-06-01T00:00:00Z', to: '2026-06-01T12:00:00Z' });
    assert.deepEqual(whole.edges.map((e) => e.node.time), expected);
    const paged: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { edges, pageInfo } = await timelineOf(h, [device], { from: '2026-06-01T00:00:00Z', to: '2026-06-01T12:00:00Z', first: 1, after: cursor });
      paged.push(...edges.map((e) => e.node.time));
      if (!pageInfo.hasNextPage) break;
      cursor = pageInfo.endCursor;
    }
    assert.deepEqual(paged, expected);
    const fromSecond = await timelineOf(h, [device], { from: '2026-06-01T11:00:00.123002Z', to: '2026-06-01T11:00:00.123003Z' });
    assert.deepEqual(fromSecond.edges.map((e) => e.node.time), ['2026-06-01T11:00:00.123002Z'], 'from and to are exact to the microsecond');
  });

  it('stores a re-send with the same payload once and leaves it as it was', async () => {
    const device = uniqueDevice('same');
    const event = { heartRate: { deviceId: device, time: '2026-06-01T14:00:00.000500Z', bpm: 75, id: `reading-${randomUUID()}` } };
    const first = await ingest(h, [event]);
    await settled(h, device);
    const [stored] = (await timelineOf(h, [device])).edges.filter((e) => e.node.bpm === 75);
    const again = await ingest(h, [event, event]);
    assert.deepEqual(again.accepted.map((a) => a.id), [first.accepted[0]!.id, first.accepted[0]!.id]);
    await settled(h, device);
    const after = (await timelineOf(h, [device])).edges.filter((e) => e.node.bpm === 75);
    assert.deepEqual(after, [stored], 'one event, its receivedAt unchanged');
    assert.equal((await heartRates(h, device)).length, 1);
  });

  it('replaces a stored event with a corrected re-send of its id and time, the latest correction winning', async () => {
    const device = uniqueDevice('corrected');
    const id = `reading-${randomUUID()}`;
    const time = '2026-06-01T15:00:00Z';
    await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 180, id } }]);
    await settled(h, device);
    await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 81, id } }]);
    await settled(h, device);
    assert.deepEqual(await heartRates(h, device), [{ id, bpm: 81, time: '15:00:00.000000' }]);
    // Two versions in one batch (one database statement): the later one is stored.
    await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 82, id } }, { heartRate: { deviceId: device, time, bpm: 83, id } }]);
    await settled(h, device);
    assert.deepEqual(await heartRates(h, device), [{ id, bpm: 83, time: '15:00:00.000000' }]);
  });

  it('tells live subscribers of a new event and of its correction, not of a same-payload re-send', async () => {
    const device = uniqueDevice('live');
    const client = socketClient(h.url, h.adminToken);
    const seen: Node[] = [];
    const stop = client.subscribe<{ timeline: { node: Node } }>(
      { query: 'subscription($d: [ID!]) { timeline(deviceIds: $d) { node { id deviceId time receivedAt ... on HeartRate { bpm } } } }', variables: { d: [device] } },
      { next: (r) => void (r.data && seen.push(r.data.timeline.node)), error: () => {}, complete: () => {} },
    );
    try {
      await eventually(async () => {
        if (seen.length > 0) return true;
        await ingest(h, [{ heartRate: { deviceId: device, time: '2026-01-01T00:00:00Z', bpm: 20, id: `probe-${randomUUID()}` } }]);
        return undefined;
      }, 'the subscription to go live');
      const id = `reading-${randomUUID()}`;
      const time = '2026-06-01T16:00:00.000007Z';
      await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 90, id } }]);
      await settled(h, device);
      await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 90, id } }]);
      await ingest(h, [{ heartRate: { deviceId: device, time, bpm: 91, id } }]);
      const last = await settled(h, device);
      await eventually(async () => (seen.some((n) => n.id === last) ? true : undefined), 'the last sentinel, live');
      assert.deepEqual(seen.filter((n) => n.id === id).map((n) => [n.time, n.bpm]), [[time, 90], [time, 91]]);
    } finally {
      stop();
      await client.dispose();
    }
  });
});
