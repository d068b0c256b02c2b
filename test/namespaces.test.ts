// Two deployments on one Kafka and one Redis, each with its own LIFESTREAM_NAMESPACE and database,
// never see each other: not in the timeline, live, dead letters, recording state or rate-limit counters.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Client } from 'graphql-ws';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { deploymentTopic, dlqTopic } from '../schema/naming.ts';
import { socketClient } from './socket-client.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface Edge {
  node: { id: string; deviceId: string };
}

const sharedAdminToken = `test-admin-${randomUUID()}`;
const rateLimitPerMinute = 300;

async function ingestHeartRate(h: Harness, deviceId: string, second: number): Promise<string> {
  const id = randomUUID();
  const result = await h.graphql(
    `mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`,
    { e: [{ id, deviceId, time: new Date(Date.UTC(2026, 5, 1, 12, 0, second)).toISOString(), bpm: 70 }] },
    sharedAdminToken,
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return id;
}

async function timelineIds(h: Harness, deviceId: string): Promise<string[]> {
  const result = await h.graphql<{ timeline: { edges: Edge[] } }>(
    `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d) { edges { node { id deviceId } } } }`,
    { d: [deviceId] },
    sharedAdminToken,
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data!.timeline.edges.map((e) => e.node.id);
}

const timelineHolds = (h: Harness, deviceId: string, id: string, what: string) =>
  eventually(async () => {
    const ids = await timelineIds(h, deviceId);
    return ids.includes(id) ? ids : undefined;
  }, what);

describe('deployments sharing a Kafka and a Redis', { skip: testMode !== 'server' && 'namespaces are for shared Kafka and Redis: server mode' }, () => {
  const namespaces = { a: `test-a-${randomUUID().slice(0, 8)}`, b: `test-b-${randomUUID().slice(0, 8)}` };
  let a: Harness;
  let b: Harness;
  let viewerOfB: Client;
  const liveInB: Edge[] = [];
  const liveErrors: unknown[] = [];
  let dlqReader: Consumer | undefined;

  before(async () => {
    const settings = { LIFESTREAM_ADMIN_TOKEN: sharedAdminToken, LIFESTREAM_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute) };
    a = await startHarness(testMode, { ...settings, LIFESTREAM_NAMESPACE: namespaces.a });
    b = await startHarness(testMode, { ...settings, LIFESTREAM_NAMESPACE: namespaces.b });
    await a.startPersistence();
    await b.startPersistence();
    viewerOfB = socketClient(b.url, sharedAdminToken);
  });
  after(async () => {
    await dlqReader?.disconnect();
    await viewerOfB?.dispose();
    await a?.close();
    await b?.close();
  });

  it('keeps events ingested into one out of the timeline and the live subscriptions of the other', async () => {
    // One device in both deployments: on shared topics its events would share a partition, in order.
    const device = uniqueDevice('shared');
    const probe = uniqueDevice('probe');
    viewerOfB.subscribe<{ timeline: Edge }>(
      { query: `subscription($d: [ID!]) { timeline(deviceIds: $d) { node { id deviceId } } }`, variables: { d: [device, probe] } },
      { next: (result) => void (result.data ? liveInB.push(result.data.timeline) : liveErrors.push(result.errors)), error: (error) => void liveErrors.push(error), complete: () => {} },
    );
    let probes = 0;
    /** Sends probes into B until one arrives live: whatever was published before it has arrived too. */
    const probeB = async (what: string) => {
      const sent = probes;
      await eventually(async () => {
        assert.deepEqual(liveErrors, []);
        if (liveInB.filter((e) => e.node.deviceId === probe).length > sent) return true;
        await ingestHeartRate(b, probe, probes++);
        return undefined;
      }, what);
    };
    await probeB("B's live subscription to start");

    const firstInA = await ingestHeartRate(a, device, 1);
    await timelineHolds(a, device, firstInA, "A's first event in A's timeline");
    const inB = await ingestHeartRate(b, device, 2);
    assert.deepEqual(await timelineHolds(b, device, inB, "B's event in B's timeline"), [inB], "B's timeline holds B's event alone");
    const secondInA = await ingestHeartRate(a, device, 3);
    assert.deepEqual(await timelineHolds(a, device, secondInA, "A's second event in A's timeline"), [firstInA, secondInA], "A's timeline holds A's events alone");

    // Persistence announces a batch before it takes the next: A's first event went out before its second was
    // stored, so before this probe.
    await probeB("B's last probe live");
    assert.deepEqual(
      liveInB.filter((e) => e.node.deviceId === device).map((e) => e.node.id),
      [inB],
      "B's subscriber sees B's event alone",
    );
  });

  it("dead-letters a deployment's failed message on its own namespaced .dlq topic", async () => {
    // Read straight from the cluster, past the bus, to see which topic the dead letter really lands on.
    const deadLettersOfB: { key: string; error: string }[] = [];
    dlqReader = new Kafka({ clientId: 'test-namespaces', brokers: b.services.config.KAFKA_BROKERS!, logLevel: logLevel.NOTHING }).consumer({
      groupId: `test-namespaces-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    await dlqReader.connect();
    await dlqReader.subscribe({ topics: [deploymentTopic(namespaces.b, dlqTopic('device.health.heartrate.raw'))], fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => void deadLettersOfB.push({ key: message.key?.toString() ?? '', error: message.headers?.['lifestream-error']?.toString() ?? '' }),
    });
    const device = uniqueDevice('poison');
    await b.rawBus().produce([{ topic: 'device.health.heartrate.raw', messages: [{ key: device, value: '{not json' }] }]);
    const letter = await eventually(async () => deadLettersOfB.find((l) => l.key === device), `the dead letter on ${namespaces.b}.device.health.heartrate.raw.dlq`);
    assert.match(letter.error, /^not JSON/);
  });

  it('keeps recording state and schedules (what the VAD assembles recordings with) apart', async () => {
    const key = `recording-${randomUUID()}`;
    await a.services.cache.set(key, 'state in A', 60);
    assert.equal(await b.services.cache.get(key), undefined);
    assert.equal(await a.services.cache.get(key), 'state in A');
    await a.services.cache.schedule('open-recordings', key, 0);
    assert.deepEqual(await b.services.cache.takeDue('open-recordings', Date.now(), 100), [], "B takes nothing from A's schedule");
    assert.deepEqual(await a.services.cache.takeDue('open-recordings', Date.now(), 100), [key]);
  });

  it('counts rate limits per deployment, even for the same token', async () => {
    let spent = 0;
    for (; spent <= rateLimitPerMinute; spent++) {
      const answer = await a.graphql(`{ __typename }`, {}, sharedAdminToken);
      if (answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
    }
    assert.ok(spent <= rateLimitPerMinute, `A refuses the token once its ${rateLimitPerMinute} requests a minute are spent`);
    const inB = await b.graphql(`{ __typename }`, {}, sharedAdminToken);
    assert.equal(inB.errors, undefined, "B's budget for the token is its own");
  });
});
