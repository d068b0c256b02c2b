// kill -9 in the middle of a stream loses nothing acknowledged and duplicates nothing.
// Server mode: the persistence consumer dies; offsets are committed only after a batch's transaction.
// Embedded mode: the whole process dies mid-ingest; what a mutation acknowledged was fsynced.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { freePort, killLeftoverProcesses, startProcess } from './processes.ts';

async function stopGracefully(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM');
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return exitCode;
}

const heartRates = (device: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 4, 1) + (from + i) * 10).toISOString(), bpm: 60 + (i % 40) }));

const ingestMutation = `mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount accepted { id } } }`;

describe('persistence consumer crash (server mode)', { skip: testMode !== 'server' }, () => {
  let h: Harness;
  before(async () => {
    // Topics of its own: the consumer's count on /metrics is then this test's events alone, whatever else writes to the stack.
    h = await startHarness(testMode, { LIFESTREAM_NAMESPACE: `crash-${randomUUID().slice(0, 8)}` });
  });
  after(async () => {
    await killLeftoverProcesses();
    await h.close();
  });

  it('loses nothing and duplicates nothing when killed mid-stream and restarted', async () => {
    const device = uniqueDevice('crash');
    const total = 40_000;
    for (let offset = 0; offset < total; offset += 4_000) {
      const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(ingestMutation, { events: heartRates(device, offset, 4_000) });
      assert.equal(result.data?.ingestHeartRate.acceptedCount, 4_000, JSON.stringify(result.errors));
    }
    const count = async () =>
      (await h.services.store.query<{ n: number; ids: number }>(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM heart_rate WHERE device_id = $1`, [device]))[0]!;

    const first = startProcess('../consumers/main.ts', ['persistence'], h.env);
    const atKill = await eventually(async () => {
      const { n } = await count();
      return n > 0 ? n : undefined;
    }, 'the first rows', 3_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    assert.ok(atKill < total, `killed after ${atKill} of ${total} rows: mid-stream`);

    const metricsPort = await freePort();
    const second = startProcess('../consumers/main.ts', ['persistence'], { ...h.env, LIFESTREAM_CONSUMER_PORT: String(metricsPort) });
    await eventually(async () => ((await count()).n >= total ? true : undefined), 'every row after the restart', 3_000);
    // What Kubernetes probes and Prometheus scrape on a consumer process of its own.
    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    assert.equal(await (await fetch(`${metricsUrl}/healthz`)).text(), 'ok\n');
    const processed = await eventually(async () => {
      const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
      const line = /^lifestream_consumer_processed_total\{consumer="persistence",topic="device\.health\.heartrate\.raw"\} (\d+)$/m.exec(metrics);
      return line ? Number(line[1]) : undefined;
    }, 'the consumer counting on /metrics');
    assert.ok(processed > 0 && processed <= total, `counted ${processed} after the restart`);
    assert.equal(await stopGracefully(second), 0, 'a graceful stop exits 0');
    assert.deepEqual(await count(), { n: total, ids: total });
  });
});

describe('whole-process crash (embedded mode)', { skip: testMode !== 'embedded' }, () => {
  after(killLeftoverProcesses);
  it('keeps every acknowledged event when killed in the middle of ingest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lifestream-crash-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const adminToken = `crash-admin-${uniqueDevice('token')}-0123456789`;
    const env = { LIFESTREAM_DATA_DIR: dataDir, PORT: String(port), LIFESTREAM_ADMIN_TOKEN: adminToken };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` };
    const graphql = async (query: string, variables: Record<string, unknown>) =>
      (await (await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()) as {
        data?: Record<string, { acceptedCount: number; accepted: { id: string }[] }>;
      };
    const ready = () => eventually(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 'Lifestream ready');
    const device = uniqueDevice('embedded-crash');

    let lifestream = startProcess('../api/main.ts', ['--all-consumers'], env);
    await ready();
    const acknowledged: string[] = [];
    let sent = 0;
    const ingestUntilKilled = async () => {
      for (;;) {
        const events = heartRates(device, sent, 500);
        sent += 500;
        try {
          const result = await graphql(ingestMutation, { events });
          acknowledged.push(...(result.data?.ingestHeartRate?.accepted.map((a) => a.id) ?? []));
        } catch {
          return;
        }
      }
    };
    const ingesting = ingestUntilKilled();
    await eventually(async () => (acknowledged.length >= 5_000 ? true : undefined), '5000 acknowledged events');
    lifestream.kill('SIGKILL');
    await once(lifestream, 'exit');
    await ingesting;
    assert.ok(sent > acknowledged.length, 'a batch was in flight when the process died');

    lifestream = startProcess('../api/main.ts', ['--all-consumers'], env);
    await ready();
    const stored = await eventually(async () => {
      const ids = new Set<string>();
      let after: string | null = null;
      do {
        const page = (await (
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              query: `query($d: [ID!], $after: String) { timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", deviceIds: $d, first: 1000, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
              variables: { d: [device], after },
            }),
          })
        ).json()) as { data: { timeline: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
        for (const edge of page.data.timeline.edges) ids.add(edge.node.id);
        after = page.data.timeline.pageInfo.hasNextPage ? page.data.timeline.pageInfo.endCursor : null;
      } while (after);
      return acknowledged.every((id) => ids.has(id)) ? ids : undefined;
    }, 'every acknowledged event on the timeline');
    assert.ok(stored.size >= acknowledged.length);
    assert.equal(await stopGracefully(lifestream), 0, 'Ctrl-C (SIGTERM) drains and exits 0');
    rmSync(dataDir, { recursive: true, force: true });
  });
});
