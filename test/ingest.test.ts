// The spine end to end on the real stack: GraphQL ingest → Kafka → persistence → TimescaleDB/PostgreSQL → timeline.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { catalogue, kindNamed, rawKinds } from '../schema/catalogue.ts';
import { pascalCase, screamingSnakeCase } from '../schema/naming.ts';
import { allFieldsSelection, fieldAlias, sampleInput, sampleWirePayload } from './samples.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface Edge {
  cursor: string;
  node: Record<string, unknown> & { id: string; kind: string; deviceId: string; time: string };
}
interface TimelineData {
  timeline: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface IngestData {
  acceptedCount: number;
  rejectedCount: number;
  accepted: { index: number; id: string }[];
  errors: { index: number; field: string; code: string; message: string }[];
}

const ingestFields = 'acceptedCount rejectedCount accepted { index id } errors { index field code message }';
const day = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };

async function timelineOf(h: Harness, deviceId: string, extra: Record<string, unknown> = {}): Promise<Edge[]> {
  const result = await h.graphql<TimelineData>(
    `query($from: DateTime!, $to: DateTime!, $devices: [ID!], $first: Int, $after: String, $kinds: [EventKind!]) {
      timeline(from: $from, to: $to, deviceIds: $devices, first: $first, after: $after, kinds: $kinds) {
        edges { cursor node { __typename id kind deviceId time receivedAt lane headline ${allFieldsSelection} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
    { ...day, devices: [deviceId], first: 1000, ...extra },
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  return result.data!.timeline.edges;
}

/** The device's timeline once it holds `count` events. */
const timelineOnceStored = (h: Harness, deviceId: string, count: number, what: string) =>
  eventually(async () => {
    const edges = await timelineOf(h, deviceId);
    return edges.length === count ? edges : undefined;
  }, what);

async function rowCount(h: Harness, table: string, deviceId: string): Promise<number> {
  const [row] = await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE device_id = $1`, [deviceId]);
  return row!.n;
}

describe('ingest → Kafka → persistence → timeline', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.startPersistence();
  });
  after(() => h.close());

  it('round-trips every raw kind through ingest(events) into its table and back from timeline', async () => {
    const device = uniqueDevice('every-kind');
    const base = Date.UTC(2026, 5, 1, 8, 0, 0);
    const events = rawKinds.map((kind, i) => ({ [kind.name]: sampleInput(kind, device, new Date(base + i * 1000), i) }));
    const result = await h.graphql<{ ingest: IngestData }>(`mutation($events: [EventInput!]!) { ingest(events: $events) { ${ingestFields} } }`, { events });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data!.ingest.errors, []);
    assert.equal(result.data!.ingest.acceptedCount, rawKinds.length);

    const edges = await timelineOnceStored(h, device, rawKinds.length, 'every kind on the timeline');
    rawKinds.forEach((kind, i) => {
      const node = edges[i]!.node;
      const sent = events[i]![kind.name]!;
      assert.equal(node.__typename, pascalCase(kind.name));
      assert.equal(node.kind, screamingSnakeCase(kind.name));
      assert.equal(node.time, sent.time);
      for (const [name, f] of Object.entries(kind.fields)) {
        if (f.type === 'blob') {
          const bytes = Buffer.from((sent[name] as { base64: string }).base64, 'base64');
          assert.deepEqual(node[fieldAlias(kind, name)], {
            sha256: createHash('sha256').update(bytes).digest('hex'),
            byteSize: bytes.byteLength,
            mimeType: (sent[name] as { mimeType: string }).mimeType,
          });
        } else {
          assert.deepEqual(node[fieldAlias(kind, name)], sent[name], `${kind.name}.${name}`);
        }
      }
    });
  });

  it('persists every processed kind a consumer produces on its topic', async () => {
    const device = uniqueDevice('processed');
    const kinds = catalogue.filter((k) => k.stage === 'processed');
    const envelopes = kinds.map((kind, i) => ({
      id: `${device}-${kind.name}`,
      kind: kind.name,
      deviceId: device,
      time: new Date(Date.UTC(2026, 5, 1, 9, 0, i)).toISOString(),
      receivedAt: new Date().toISOString(),
      payload: sampleWirePayload(kind, i),
    }));
    await h.rawBus().produce(envelopes.map((e) => ({ topic: kindNamed(e.kind)!.topic, messages: [{ key: device, value: JSON.stringify(e) }] })));
    const edges = await timelineOnceStored(h, device, kinds.length, 'every processed kind on the timeline');
    kinds.forEach((kind, i) => {
      const node = edges[i]!.node;
      assert.equal(node.__typename, pascalCase(kind.name));
      for (const name of Object.keys(kind.fields)) assert.deepEqual(node[fieldAlias(kind, name)], envelopes[i]!.payload[name], `${kind.name}.${name}`);
    });
  });

  it('stores a typed mutation event and finds it by event(id), blobs in the blob store', async () => {
    const device = uniqueDevice('typed');
    const result = await h.graphql<{ ingestGpsFix: IngestData }>(
      `mutation { ingestGpsFix(events: [{ deviceId: "${device}", time: "2026-06-01T10:00:00+02:00", latitude: 52.52, longitude: 13.405, accuracyM: 4.5 }]) { ${ingestFields} } }`,
    );
    const id = result.data!.ingestGpsFix.accepted[0]!.id;
    const found = await eventually(async () => {
      const r = await h.graphql<{ event: Record<string, unknown> | null }>(`{ event(id: "${id}") { id time headline ... on GpsFix { latitude longitude accuracyM altitudeM } } }`);
      return r.data?.event ?? undefined;
    }, 'event(id)');
    assert.deepEqual(found, { id, time: "2026-06-01T08:00:00.000Z", headline: '52.52000, 13.40500', latitude: 52.52, longitude: 13.405, accuracyM: 4.5, altitudeM: null });
    const missing = await h.graphql<{ event: unknown }>(`{ event(id: "no-such-event") { id } }`);
    assert.equal(missing.data!.event, null);
  });

  it('finds an event by event(id, kind) in its kind only, and pages give nodes beside edges', async () => {
    const device = uniqueDevice('by-kind');
    const result = await h.graphql<{ ingestHeartRate: IngestData }>(
      `mutation { ingestHeartRate(events: [{ deviceId: "${device}", time: "2026-06-02T10:00:00Z", bpm: 64 }]) { ${ingestFields} } }`,
    );
    const id = result.data!.ingestHeartRate.accepted[0]!.id;
    const found = await eventually(async () => {
      const r = await h.graphql<{ event: { id: string; kind: string } | null }>(`{ event(id: "${id}", kind: HEART_RATE) { id kind } }`);
      return r.data?.event ?? undefined;
    }, 'event(id, kind)');
    assert.deepEqual(found, { id, kind: 'HEART_RATE' });
    const otherKind = await h.graphql<{ event: unknown }>(`{ event(id: "${id}", kind: GPS_FIX) { id } }`);
    assert.equal(otherKind.errors, undefined, JSON.stringify(otherKind.errors));
    assert.equal(otherKind.data!.event, null);
    const page = await h.graphql<{ timeline: { nodes: { id: string }[]; edges: { node: { id: string } }[]; pageInfo: { startCursor: string; endCursor: string } } }>(
      `query($d: [ID!]) { timeline(from: "2026-06-02T00:00:00Z", to: "2026-06-03T00:00:00Z", deviceIds: $d) { nodes { id } edges { node { id } } pageInfo { startCursor endCursor } } }`,
      { d: [device] },
    );
    assert.deepEqual(page.data!.timeline.nodes, [{ id }]);
    assert.deepEqual(page.data!.timeline.edges, [{ node: { id } }]);
    assert.equal(page.data!.timeline.pageInfo.startCursor, page.data!.timeline.pageInfo.endCursor);
  });

  it('re-sent events do not duplicate rows (derived and client ids alike)', async () => {
    const device = uniqueDevice('resend');
    const events = [
      { heartRate: { deviceId: device, time: '2026-06-01T09:00:00Z', bpm: 70 } },
      { heartRate: { deviceId: device, time: '2026-06-01T09:00:01Z', bpm: 71, id: `client-chosen-${device}` } },
    ];
    const mutation = `mutation($events: [EventInput!]!) { ingest(events: $events) { ${ingestFields} } }`;
    const first = await h.graphql<{ ingest: IngestData }>(mutation, { events });
    const second = await h.graphql<{ ingest: IngestData }>(mutation, { events });
    assert.deepEqual(first.data!.ingest.accepted, second.data!.ingest.accepted);
    // A sentinel sent after the duplicates: once it is stored, the duplicates have been processed too.
    await h.graphql(mutation, { events: [{ heartRate: { deviceId: device, time: '2026-06-01T09:00:02Z', bpm: 72 } }] });
    await eventually(async () => ((await rowCount(h, 'heart_rate', device)) >= 3 ? true : undefined), 'the sentinel row');
    assert.equal(await rowCount(h, 'heart_rate', device), 3);
  });

  it('rejects bad events with clear errors and stores the good ones of the same batch', async () => {
    const device = uniqueDevice('mixed');
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const result = await h.graphql<{ ingest: IngestData }>(
      `mutation($events: [EventInput!]!) { ingest(events: $events) { ${ingestFields} } }`,
      {
        events: [
          { heartRate: { deviceId: device, time: '2026-06-01T09:00:00Z', bpm: 65 } },
          { heartRate: { deviceId: device, time: future, bpm: 66 } },
          { clipboard: { deviceId: device, time: '2026-06-01T09:00:01Z', text: 'x'.repeat(70_000) } },
          { webVisit: { deviceId: device, time: '2026-06-01T09:00:02Z', url: 'https://example.com', title: 'Example' } },
          { heartRate: { deviceId: device, time: '2026-06-01T09:00:03Z', bpm: 400 } },
        ],
      },
    );
    const ingest = result.data!.ingest;
    assert.deepEqual(ingest.accepted.map((a) => a.index), [0, 3]);
    assert.deepEqual(
      ingest.errors.map((e) => [e.index, e.field, e.code]),
      [
        [1, 'time', 'TIME_OUT_OF_RANGE'],
        [2, 'text', 'INVALID_FIELD'],
        [4, 'bpm', 'INVALID_FIELD'],
      ],
    );
    assert.equal(ingest.errors[2]!.message, 'event 4 (heartRate): bpm must be 20–300, got 400');
    assert.equal(ingest.rejectedCount, 3);
    const edges = await timelineOnceStored(h, device, 2, 'the good events');
    assert.deepEqual(edges.map((e) => e.node.kind), ['HEART_RATE', 'WEB_VISIT']);
  });

  it('ingestJson rejects wrong types and missing fields per event and keeps the rest', async () => {
    const device = uniqueDevice('json');
    const result = await h.graphql<{ ingestJson: IngestData }>(`mutation($events: [JSON!]!) { ingestJson(events: $events) { ${ingestFields} } }`, {
      events: [
        { steps: { deviceId: device, time: '2026-06-01T09:00:00Z', count: 120, intervalS: 60 } },
        { steps: { deviceId: device, time: '2026-06-01T09:01:00Z', count: 'many', intervalS: 60 } },
        { steps: { deviceId: device, time: '2026-06-01T09:02:00Z' } },
        { teleport: { deviceId: device } },
      ],
    });
    const ingest = result.data!.ingestJson;
    assert.deepEqual(ingest.accepted.map((a) => a.index), [0]);
    assert.deepEqual(
      ingest.errors.map((e) => e.message),
      [
        'event 1 (steps): count must be number, got "many"',
        'event 2 (steps): count is required',
        'event 2 (steps): intervalS is required',
        'event 3 (teleport): (kind) teleport is not a raw event kind: the raw kinds are the fields of EventInput, listed in docs/kinds.md',
      ],
    );
    await eventually(async () => ((await rowCount(h, 'steps', device)) === 1 ? true : undefined), 'the good steps event');
  });

  it('refuses a typed request with a wrong type as a whole, naming the event and field', async () => {
    const device = uniqueDevice('typed-wrong');
    const result = await h.graphql(`mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`, {
      events: [{ heartRate: { deviceId: device, time: '2026-06-01T09:00:00Z', bpm: 60 } }, { heartRate: { deviceId: device, time: '2026-06-01T09:00:00Z', bpm: 'fast' } }],
    });
    assert.equal(result.data, undefined);
    assert.match(result.errors![0]!.message, /events\[1\]\.heartRate\.bpm.*Float cannot represent/);
    const twoKinds = await h.graphql(`mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`, {
      events: [{ heartRate: { deviceId: device, time: '2026-06-01T09:00:00Z', bpm: 60 }, steps: { deviceId: device, time: '2026-06-01T09:00:00Z', count: 1, intervalS: 1 } }],
    });
    assert.match(twoKinds.errors![0]!.message, /Exactly one key/);
  });

  it('accepts a full batch at the size limit, more bytes than Kafka takes in one record batch', async () => {
    const device = uniqueDevice('full-batch');
    const events = Array.from({ length: 5000 }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 5, 1, 0, 0, 0, i)).toISOString(), bpm: 60, confidencePct: 99.5 }));
    const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(`mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount } }`, { events });
    assert.equal(result.data?.ingestHeartRate.acceptedCount, 5000, JSON.stringify(result.errors));
    await eventually(async () => ((await rowCount(h, 'heart_rate', device)) === 5000 ? true : undefined), 'all 5000 rows');
  });

  it('refuses a batch over the size limit with BATCH_TOO_LARGE and accepts nothing of it', async () => {
    const device = uniqueDevice('too-many');
    const events = Array.from({ length: 5001 }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 5, 1, 0, 0, 0, i)).toISOString(), bpm: 60 }));
    const result = await h.graphql(`mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount } }`, { events });
    assert.equal(result.errors![0]!.extensions!.code, 'BATCH_TOO_LARGE');
    assert.match(result.errors![0]!.message, /at most 5000 events, got 5001/);
    assert.equal(await rowCount(h, 'heart_rate', device), 0);
  });

  it('pages through the timeline returning every event exactly once, also events sharing a timestamp', async () => {
    const device = uniqueDevice('pages');
    const shared = '2026-06-02T12:00:00.000Z';
    const events = [
      ...Array.from({ length: 30 }, (_, i) => ({ heartRate: { deviceId: device, time: shared, bpm: 60 + i } })),
      ...Array.from({ length: 25 }, (_, i) => ({ steps: { deviceId: device, time: shared, count: i, intervalS: 60 } })),
      ...Array.from({ length: 20 }, (_, i) => ({ power: { deviceId: device, time: new Date(Date.UTC(2026, 5, 2, 12, 0, i)).toISOString(), levelPct: i, charging: false } })),
    ];
    const ingest = await h.graphql<{ ingest: IngestData }>(`mutation($events: [EventInput!]!) { ingest(events: $events) { ${ingestFields} } }`, { events });
    const ids = new Set(ingest.data!.ingest.accepted.map((a) => a.id));
    assert.equal(ids.size, 75);
    await timelineOnceStored(h, device, 75, 'all 75 events stored');

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: { data?: TimelineData } = await h.graphql<TimelineData>(
        `query($from: DateTime!, $to: DateTime!, $devices: [ID!], $after: String) { timeline(from: $from, to: $to, deviceIds: $devices, first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { ...day, devices: [device], after },
      );
      seen.push(...result.data!.timeline.edges.map((e) => e.node.id));
      if (!result.data!.timeline.pageInfo.hasNextPage) break;
      after = result.data!.timeline.pageInfo.endCursor;
    }
    assert.equal(seen.length, 75);
    assert.deepEqual(new Set(seen), ids);
  });

  it('filters the timeline by kind and refuses a cursor it did not make', async () => {
    const device = uniqueDevice('filter');
    await h.graphql(`mutation($events: [EventInput!]!) { ingest(events: $events) { acceptedCount } }`, {
      events: [
        { heartRate: { deviceId: device, time: '2026-06-03T10:00:00Z', bpm: 60 } },
        { clipboard: { deviceId: device, time: '2026-06-03T10:00:01Z', text: 'hello' } },
      ],
    });
    await timelineOnceStored(h, device, 2, 'both events');
    const clipboardOnly = await timelineOf(h, device, { kinds: ['CLIPBOARD'] });
    assert.deepEqual(clipboardOnly.map((e) => e.node.headline), ['hello']);
    const bad = await h.graphql(`{ timeline(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", after: "bm9wZQ") { edges { cursor } } }`);
    assert.equal(bad.errors![0]!.extensions!.code, 'BAD_CURSOR');
  });
});
