// Acknowledged means durable, also while PostgreSQL, Redis or Kafka is away: each is taken away
// behind a TCP proxy of the test's own (the services themselves are shared), and given back.
// - the API answers 503 SERVICE_UNAVAILABLE naming the dependency, with Retry-After, and recovers;
// - consumers wait an outage out: every acknowledged event stored, none dead-lettered;
// - a consumer process survives its connections being reset under it;
// - /readyz names an unreachable Kafka; live subscribers miss nothing when a publish failed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLifestreamServer } from '../api/server.ts';
import type { DeliveredMessage, Subscription } from '../db/bus/port.ts';
import { failedAttempts } from '../consumers/metrics.ts';
import { persistence } from '../consumers/persistence.ts';
import { runConsumer } from '../consumers/runtime.ts';
import { openRedisCache } from '../db/cache/redis.ts';
import { openPostgresStore } from '../db/postgres.ts';
import { eventTopicNames } from '../schema/catalogue.ts';
import { endpointOf, startFaultProxy, throughProxy, type FaultProxy } from './fault-proxy.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { startGroupAtEnd } from './kafka-offsets.ts';
import { consumerMetric, exitOf, freePort, killLeftoverProcesses, startProcess } from './processes.ts';

const heartRateTopic = 'device.health.heartrate.raw';
const heartRates = (device: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 3, 1) + (from + i) * 1000).toISOString(), bpm: 60 + (i % 40) }));
const ingestMutation = `mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount } }`;

/** Sends `count` heart rates of the device in requests of 5,000; returns how many were acknowledged. */
async function ingest(h: Harness, device: string, count: number): Promise<number> {
  let acknowledged = 0;
  for (let from = 0; from < count; from += 5_000) {
    const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(ingestMutation, { events: heartRates(device, from, Math.min(5_000, count - from)) });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    acknowledged += result.data!.ingestHeartRate.acceptedCount;
  }
  return acknowledged;
}

const storedCount = async (h: Harness, device: string) =>
  (await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM heart_rate WHERE device_id = $1`, [device]))[0]!.n;

/** Every dead letter of the heart-rate topic, as a group of the test's own reads them. */
async function readDeadLetters(h: Harness): Promise<DeliveredMessage[]> {
  const letters: DeliveredMessage[] = [];
  await h.rawBus().subscribe({ groupId: `test-dlq-${randomUUID()}`, topics: [`${heartRateTopic}.dlq`], eachBatch: async (batch) => void letters.push(...batch.messages) });
  return letters;
}

/** A POST /graphql of the API at url, answered as status, Retry-After and body. */
async function post(url: string, token: string, query: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const unknownToken = () => `lst_${randomUUID().replaceAll('-', '')}${'x'.repeat(11)}`;
const timelineQuery = `{ timeline(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", first: 1) { edges { cursor } } }`;

describe('outages', () => {
  let h: Harness;
  let deadLetters: DeliveredMessage[];
  const proxies: FaultProxy[] = [];
  const proxy = async (url: string) => {
    const started = await startFaultProxy(endpointOf(url));
    proxies.push(started);
    return started;
  };
  before(async () => {
    // Topics and the announcement channel of its own in server mode: another suite's persistence
    // consumer on the shared stack would otherwise store and announce this suite's probe events.
    h = await startHarness(testMode, { TRINO_URL: undefined, ...(testMode === 'server' ? { LIFESTREAM_NAMESPACE: `outages-${randomUUID().slice(0, 8)}` } : {}) });
    deadLetters = await readDeadLetters(h);
  });
  after(async () => {
    await killLeftoverProcesses();
    await Promise.all(proxies.map((p) => p.close()));
    await h.close();
  });

  it('answers 503 SERVICE_UNAVAILABLE naming the database, with Retry-After, while it is away, and recovers when it is back', async () => {
    const database = await proxy(h.services.databaseUrl);
    const store = openPostgresStore(throughProxy(h.services.databaseUrl, database));
    const api = await createLifestreamServer({ ...h.services, store });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    try {
      await database.down();
      const stranger = await post(`${url}/graphql`, unknownToken(), '{ __typename }');
      assert.equal(stranger.status, 503, JSON.stringify(stranger.body));
      assert.equal(stranger.retryAfter, '5');
      assert.deepEqual(stranger.body.errors?.[0]?.extensions, { code: 'SERVICE_UNAVAILABLE', dependency: 'database', retryAfterS: 5 });
      const reader = await post(`${url}/graphql`, h.adminToken, timelineQuery);
      assert.equal(reader.status, 503, JSON.stringify(reader.body));
      assert.equal(reader.retryAfter, '5');
      assert.equal(reader.body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
      assert.equal(reader.body.errors?.[0]?.extensions?.dependency, 'database');
      const readiness = await fetch(`${url}/readyz`);
      assert.equal(readiness.status, 503);
      assert.match(((await readiness.json()) as Record<string, string>).database!, /ECONNREFUSED|CONNECTION/);

      await database.up();
      const after = await eventually(async () => {
        const answer = await post(`${url}/graphql`, unknownToken(), '{ __typename }');
        return answer.status === 503 ? undefined : answer;
      }, 'the API answering without the database away');
      assert.equal(after.status, 401, 'an unknown token is unknown again, not a failure');
      assert.equal((await post(`${url}/graphql`, h.adminToken, timelineQuery)).status, 200);
    } finally {
      await api.close();
      await store.close();
    }
  });

  it('answers 503 naming the cache while Redis is away, and recovers', { skip: testMode !== 'server' }, async () => {
    const redis = await proxy(h.env.REDIS_URL!);
    const cache = await openRedisCache(throughProxy(h.env.REDIS_URL!, redis), { namespace: h.services.config.LIFESTREAM_NAMESPACE });
    const api = await createLifestreamServer({ ...h.services, cache });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/graphql`;
    try {
      await redis.down();
      const answer = await post(url, h.adminToken, '{ __typename }');
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.retryAfter, '5');
      assert.deepEqual(answer.body.errors?.[0]?.extensions, { code: 'SERVICE_UNAVAILABLE', dependency: 'cache', retryAfterS: 5 });
      await redis.up();
      await eventually(async () => ((await post(url, h.adminToken, '{ __typename }')).status === 200 ? true : undefined), 'the API answering once Redis is back');
    } finally {
      await api.close();
      await cache.close();
    }
  });

  it('waits a database outage out: every acknowledged event is stored, none dead-lettered, and a stop during it gives the batch up', async () => {
    const database = await proxy(h.services.databaseUrl);
    const store = openPostgresStore(throughProxy(h.services.databaseUrl, database));
    const groupPrefix = `faults-${randomUUID().slice(0, 8)}`;
    if (testMode === 'server') await startGroupAtEnd(h.services.config.KAFKA_BROKERS!, `${groupPrefix}.persistence`, eventTopicNames());
    // Quick retries: the runtime before this fix dead-lettered after 2 attempts on the batch and 2 on each event.
    const retry = { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 50 };
    const run = () => runConsumer(persistence, { ...h.services, store }, { groupPrefix, retry });
    const attempts = async () => (await failedAttempts.get()).values.find((v) => v.labels.topic === heartRateTopic)?.value ?? 0;
    const device = uniqueDevice('outage');
    let consumer: Subscription | undefined;
    try {
      await database.down();
      consumer = await run();
      const before = await attempts();
      const acknowledged = await ingest(h, device, 10);
      // Past the 2 + 2 × 10 attempts after which the old runtime dead-lettered the batch.
      await eventually(async () => ((await attempts()) - before >= 25 ? true : undefined), 'the consumer retrying through the outage');
      await consumer.stop();
      consumer = undefined;

      await database.up();
      consumer = await run();
      await eventually(async () => ((await storedCount(h, device)) >= acknowledged ? true : undefined), 'every acknowledged event stored');
      assert.equal(await storedCount(h, device), acknowledged);
      assert.deepEqual(deadLetters.filter((m) => m.key === device), [], 'nothing dead-lettered');
    } finally {
      await consumer?.stop();
      await store.close();
    }
  });

  describe('a persistence consumer process (server mode)', { skip: testMode !== 'server' }, () => {
    it('survives its PostgreSQL connection being reset in the middle of a transaction, and stores every acknowledged event once', async () => {
      const database = await proxy(h.services.databaseUrl);
      const device = uniqueDevice('reset');
      const acknowledged = await ingest(h, device, 20_000);
      // The connection reset as PostgreSQL answers a transaction's INSERT, three times: the driver then rolls
      // back on a socket that is gone.
      database.resetOn('INSERT 0', 3);
      const consumer = startProcess('../consumers/main.ts', ['persistence'], { ...h.env, DATABASE_URL: throughProxy(h.services.databaseUrl, database) });
      try {
        await eventually(async () => ((await storedCount(h, device)) >= acknowledged || consumer.exitCode !== null ? true : undefined), 'every row stored');
        assert.equal(consumer.exitCode, null, 'the consumer process is still running');
        const rows = await h.services.store.query<{ n: number; ids: number }>(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM heart_rate WHERE device_id = $1`, [device]);
        assert.deepEqual(rows[0], { n: acknowledged, ids: acknowledged });
        assert.deepEqual(deadLetters.filter((m) => m.key === device), [], 'nothing dead-lettered');
      } finally {
        consumer.kill('SIGTERM');
        assert.equal(await exitOf(consumer), 0);
      }
    });

    it('announces to live subscribers every event whose announcement failed while Redis was away', async () => {
      const redis = await proxy(h.env.REDIS_URL!);
      const metricsPort = await freePort();
      const consumer = startProcess('../consumers/main.ts', ['persistence'], { ...h.env, REDIS_URL: throughProxy(h.env.REDIS_URL!, redis), LIFESTREAM_CONSUMER_PORT: String(metricsPort) });
      const device = uniqueDevice('announce');
      const received: string[] = [];
      const client = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
      const stop = client.subscribe<{ timeline: { node: { id: string } } }>(
        { query: `subscription($d: [ID!]) { timeline(deviceIds: $d) { node { id } } }`, variables: { d: [device] } },
        { next: (result) => void received.push(result.data!.timeline.node.id), error: () => {}, complete: () => {} },
      );
      try {
        // Live: a probe event arrives through the consumer and Redis.
        let probes = 0;
        await eventually(async () => {
          if (received.length > 0) return true;
          await h.graphql(ingestMutation, { events: heartRates(device, 10_000 + probes++, 1) });
          return undefined;
        }, 'the subscription to go live');
        // No probe still on its way: a batch of them in flight when Redis goes would hold back the rest until it is back.
        await eventually(async () => (received.length >= probes ? true : undefined), 'every probe announced');
        await redis.down();
        const failedBefore = await consumerMetric(metricsPort, 'lifestream_consumer_failed_attempts_total', heartRateTopic);
        const result = await h.graphql<{ ingestHeartRate: { accepted: { id: string }[] } }>(
          `mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { accepted { id } } }`,
          { events: heartRates(device, 0, 2_000) },
        );
        const acknowledged = result.data!.ingestHeartRate.accepted.map((a) => a.id);
        assert.equal(acknowledged.length, 2_000);
        // Stored, not announced: the publish fails and the batch is retried.
        await eventually(async () => ((await storedCount(h, device)) >= probes + 2_000 ? true : undefined), 'the events stored');
        await eventually(async () => ((await consumerMetric(metricsPort, 'lifestream_consumer_failed_attempts_total', heartRateTopic)) > failedBefore ? true : undefined), 'a failed announcement');
        await redis.up();
        const missing = () => acknowledged.filter((id) => !received.includes(id));
        await eventually(async () => (missing().length === 0 ? true : undefined), 'every stored event announced');
        assert.deepEqual(missing(), []);
      } finally {
        stop();
        await client.dispose();
        consumer.kill('SIGTERM');
        await exitOf(consumer);
      }
    });
  });

  it('says on /readyz that the bus is down while Kafka is unreachable, and is ready once it is back', { skip: testMode !== 'server' }, async () => {
    const kafka = await proxy(`kafka://${h.services.config.KAFKA_BROKERS![0]}`);
    await kafka.down();
    const port = await freePort();
    const api = startProcess('../api/main.ts', [], { ...h.env, KAFKA_BROKERS: `127.0.0.1:${kafka.port}`, PORT: String(port) });
    try {
      const down = await eventually(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        return response.status === 503 ? ((await response.json()) as Record<string, string>) : undefined;
      }, '/readyz answering while Kafka is away');
      assert.equal(down.database, 'ok');
      assert.notEqual(down.bus, 'ok');
      await kafka.up();
      await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200 ? true : undefined), '/readyz ready once Kafka is back');
    } finally {
      api.kill('SIGTERM');
      await exitOf(api);
    }
  });
});
