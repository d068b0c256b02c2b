// Server-side aggregation and text search over the fixture day: timelineBuckets counts and
// aggregates per kind per bucket, timelineBucketSeries answers the same buckets regrouped,
// timeline(text:) finds events by their catalogue text fields.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtureDay } from '../scripts/demo/fixture-day.ts';
import { ingestFixture } from '../scripts/demo/ingest-fixture.ts';
import { rawTimelineBucketsQuery, rollupCellFor, type BucketFilter } from '../db/timeline-buckets.ts';
import { catalogue } from '../schema/catalogue.ts';
import { screamingSnakeCase } from '../schema/naming.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

const day = new Date('2026-06-01T00:00:00Z');
const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };

interface Bucket {
  kind: string;
  deviceId: string | null;
  start: string;
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
}

interface Series {
  kind: string;
  deviceId: string | null;
  starts: string[];
  counts: number[];
  min: (number | null)[];
  avg: (number | null)[];
  max: (number | null)[];
}

const seriesQuery = `query($from: DateTime!, $to: DateTime!, $s: Int!, $kinds: [EventKind!], $d: [ID!], $text: String, $perDevice: Boolean) {
  timelineBucketSeries(from: $from, to: $to, bucketSeconds: $s, kinds: $kinds, deviceIds: $d, text: $text, perDevice: $perDevice) { kind deviceId starts counts min avg max }
}`;

/** The buckets as series per (kind, device), in the order of each series' first bucket. */
function regrouped(buckets: readonly Bucket[]): Series[] {
  const series = new Map<string, Series>();
  for (const b of buckets) {
    const key = JSON.stringify([b.kind, b.deviceId]);
    const s = series.get(key) ?? series.set(key, { kind: b.kind, deviceId: b.deviceId, starts: [], counts: [], min: [], avg: [], max: [] }).get(key)!;
    s.starts.push(b.start);
    s.counts.push(b.count);
    s.min.push(b.min);
    s.avg.push(b.avg);
    s.max.push(b.max);
  }
  return [...series.values()];
}

const bucketsQuery = `query($from: DateTime!, $to: DateTime!, $s: Int!, $kinds: [EventKind!], $d: [ID!], $text: String, $perDevice: Boolean) {
  timelineBuckets(from: $from, to: $to, bucketSeconds: $s, kinds: $kinds, deviceIds: $d, text: $text, perDevice: $perDevice) { kind deviceId start count min avg max }
}`;

describe('timeline buckets and text search', () => {
  let h: Harness;
  const devices = { watch: uniqueDevice('watch'), phone: uniqueDevice('phone'), laptop: uniqueDevice('laptop') };
  const events = fixtureDay(day, devices);
  const deviceIds = Object.values(devices);

  before(async () => {
    h = await startHarness(testMode);
    await h.startPersistence();
    await ingestFixture(h.url, h.adminToken, events);
    await eventually(async () => {
      const result = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { ...range, s: 86_400, d: deviceIds });
      const stored = result.data?.timelineBuckets.reduce((sum, b) => sum + b.count, 0);
      return stored === events.length ? true : undefined;
    }, 'the fixture day to be stored');
  });
  after(() => h.close());

  it('counts heart rates per hour and aggregates their bpm', async () => {
    const { data, errors } = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { ...range, s: 3600, kinds: ['HEART_RATE'], d: deviceIds });
    assert.equal(errors, undefined, JSON.stringify(errors));
    const buckets = data!.timelineBuckets;
    assert.equal(buckets.length, 24);
    assert.ok(buckets.every((b) => b.count === 60 && b.deviceId === null));
    assert.equal(buckets[7]!.start, '2026-06-01T07:00:00.000Z');
    const bpm = events.flatMap((e) => (e.heartRate && String(e.heartRate.time).startsWith('2026-06-01T07') ? [Number(e.heartRate.bpm)] : []));
    assert.equal(buckets[7]!.min, Math.min(...bpm));
    assert.equal(buckets[7]!.max, Math.max(...bpm));
    assert.ok(Math.abs(buckets[7]!.avg! - bpm.reduce((a, b) => a + b) / bpm.length) < 1e-9);
    assert.ok(buckets[7]!.avg! > buckets[3]!.avg! + 50, 'the morning run stands out from the night');
  });

  it('splits buckets per device when asked, and counts kinds without a value', async () => {
    const { data } = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { ...range, s: 86_400, d: deviceIds, perDevice: true });
    const byKey = new Map(data!.timelineBuckets.map((b) => [`${b.kind}/${b.deviceId}`, b]));
    assert.equal(byKey.get(`HEART_RATE/${devices.watch}`)!.count, 1440);
    assert.equal(byKey.get(`NOTIFICATION/${devices.phone}`)!.count, 12);
    assert.equal(byKey.get(`NOTIFICATION/${devices.phone}`)!.avg, null);
    assert.equal(byKey.get(`GPS_FIX/${devices.phone}`)!.count, events.filter((e) => e.gpsFix).length);
  });

  it('refuses more buckets than the cap with a code', async () => {
    const { errors } = await h.graphql(bucketsQuery, { ...range, s: 1 });
    assert.equal(errors?.[0]?.extensions?.code, 'TOO_MANY_BUCKETS');
    assert.match(errors![0]!.message, /86400 buckets, at most 10000/);
  });

  it('answers the series as the buckets regrouped per kind, and per device when asked', async () => {
    const check = async (variables: Record<string, unknown>, what: string) => {
      const buckets = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, variables);
      const series = await h.graphql<{ timelineBucketSeries: Series[] }>(seriesQuery, variables);
      assert.equal(series.errors, undefined, JSON.stringify(series.errors));
      assert.deepEqual(series.data!.timelineBucketSeries, regrouped(buckets.data!.timelineBuckets), what);
      return series.data!.timelineBucketSeries;
    };
    for (const perDevice of [false, true]) {
      const answered = await check({ ...range, s: 300, d: deviceIds, perDevice }, `the fixture day, perDevice ${perDevice}`);
      assert.ok(answered.length >= 5, `several kinds in the day: ${answered.map((s) => s.kind).join(', ')}`);
      assert.equal(answered.some((s) => s.deviceId !== null), perDevice);
    }
    const [notifications] = await check({ ...range, s: 86_400, d: [devices.phone], kinds: ['NOTIFICATION'], perDevice: true }, 'a kind without a value');
    assert.deepEqual(notifications, { kind: 'NOTIFICATION', deviceId: devices.phone, starts: ['2026-06-01T00:00:00.000Z'], counts: [12], min: [null], avg: [null], max: [null] });

    // Another day, where two devices send heart rates and steps at interleaved minutes.
    const otherDay = { from: '2026-06-03T00:00:00Z', to: '2026-06-03T01:00:00Z' };
    const minute = (m: number) => `2026-06-03T00:${String(m).padStart(2, '0')}:30Z`;
    const mixed = [
      ...[0, 1, 5, 12].map((m) => ({ heartRate: { deviceId: devices.watch, time: minute(m), bpm: 60 + m } })),
      ...[1, 7, 12].map((m) => ({ heartRate: { deviceId: devices.laptop, time: minute(m), bpm: 90 + m } })),
      ...[3, 7].map((m) => ({ steps: { deviceId: devices.phone, time: minute(m), count: 10 * m, intervalS: 60 } })),
      ...[0, 3].map((m) => ({ steps: { deviceId: devices.watch, time: minute(m), count: 5 + m, intervalS: 60 } })),
    ];
    await ingestFixture(h.url, h.adminToken, mixed);
    const otherVariables = { ...otherDay, s: 60, d: deviceIds, perDevice: true };
    await eventually(async () => {
      const result = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, otherVariables);
      return result.data?.timelineBuckets.reduce((sum, b) => sum + b.count, 0) === mixed.length ? true : undefined;
    }, 'the other day to be stored');
    const perDevice = await check(otherVariables, 'two devices per kind');
    assert.deepEqual(
      perDevice.map((s) => [s.kind, s.deviceId, s.starts.length]),
      [
        ['HEART_RATE', devices.watch, 4],
        ['STEPS', devices.watch, 2],
        ['HEART_RATE', devices.laptop, 3],
        ['STEPS', devices.phone, 2],
      ],
    );
    const together = await check({ ...otherVariables, perDevice: false }, 'two devices per kind, summed');
    assert.deepEqual(together.find((s) => s.kind === 'HEART_RATE')?.counts, [1, 2, 1, 1, 2]);
  });

  it('refuses more series buckets than the cap with the same code', async () => {
    const { errors } = await h.graphql(seriesQuery, { ...range, s: 1 });
    assert.equal(errors?.[0]?.extensions?.code, 'TOO_MANY_BUCKETS');
  });

  it('finds events by text in their catalogue text fields, case-insensitively, on the timeline and in buckets', async () => {
    const search = async (text: string) =>
      (
        await h.graphql<{ timeline: { edges: { node: { kind: string; headline: string } }[] } }>(
          `query($from: DateTime!, $to: DateTime!, $d: [ID!], $text: String) { timeline(from: $from, to: $to, deviceIds: $d, text: $text, first: 1000) { edges { node { kind headline } } } }`,
          { ...range, d: deviceIds, text },
        )
      ).data!.timeline.edges.map((e) => `${e.node.kind} ${e.node.headline}`);
    assert.deepEqual(await search('DESIGN REVIEW'), [
      'NOTIFICATION Calendar: Design review',
      'NOTIFICATION Slack: #design',
      'CALENDAR_EVENT Design review: timeline app',
    ]);
    const d3 = await search('d3-SCALE');
    assert.ok(d3.includes('WEB_VISIT d3-scale: time scales'), 'a web visit by its title');
    assert.ok(d3.includes('APP_FOCUS focused Firefox'), 'app focus by its window title');
    assert.deepEqual(await search('100%'), [], 'a % is a character, not a wildcard');
    const { data } = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { ...range, s: 86_400, d: deviceIds, text: 'anna' });
    assert.deepEqual(data!.timelineBuckets.map((b) => [b.kind, b.count]), [['NOTIFICATION', 2]]);
  });

  // Last: it adds events the counts above do not expect.
  it('answers buckets from the rollups equal to the buckets of the rows, with late and re-sent events counted once', async () => {
    const late = Array.from({ length: 30 }, (_, i) => ({ heartRate: { deviceId: devices.watch, time: `2026-06-01T0${i % 10}:17:${String(10 + i).padStart(2, '0')}Z`, bpm: 200 + i } }));
    await ingestFixture(h.url, h.adminToken, [...events.slice(0, 500), ...late]);
    await eventually(async () => {
      const result = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { ...range, s: 86_400, d: deviceIds });
      return result.data?.timelineBuckets.reduce((sum, b) => sum + b.count, 0) === events.length + late.length ? true : undefined;
    }, 'the late events to be stored');
    const at = (iso: string) => new Date(iso);
    const cases: { from: string; to: string; s: number; perDevice: boolean; cell?: number }[] = [
      { ...range, s: 300, perDevice: true, cell: 300 },
      { ...range, s: 3600, perDevice: false, cell: 3600 },
      { from: '2026-05-31T00:00:00Z', to: '2026-06-03T00:00:00Z', s: 26 * 3600, perDevice: true, cell: 3600 },
      { from: '2026-06-01T00:05:00Z', to: '2026-06-01T23:05:00Z', s: 7200, perDevice: true, cell: 300 },
      { from: '2026-06-01T00:00:00Z', to: '2026-06-01T09:17:20Z', s: 3600, perDevice: false, cell: 3600 },
      { ...range, s: 90, perDevice: true },
    ];
    for (const c of cases) {
      const filter: BucketFilter = { from: at(c.from), to: at(c.to), bucketSeconds: c.s, perDevice: c.perDevice, kinds: catalogue, deviceIds };
      assert.equal(rollupCellFor(filter), c.cell, `cell for ${JSON.stringify(c)}`);
      const { sql, params } = rawTimelineBucketsQuery(filter);
      const fromRows = await h.services.store.query<{ kind: string; device_id: string | null; start_ms: number; count: number; min: number | null; avg: number | null; max: number | null }>(sql, params);
      const { data, errors } = await h.graphql<{ timelineBuckets: Bucket[] }>(bucketsQuery, { from: c.from, to: c.to, s: c.s, d: deviceIds, perDevice: c.perDevice });
      assert.equal(errors, undefined, JSON.stringify(errors));
      const answered = data!.timelineBuckets;
      assert.equal(answered.length, fromRows.length, `buckets of ${JSON.stringify(c)}`);
      fromRows.forEach((row, i) => {
        const b = answered[i]!;
        const what = `bucket ${i} of ${JSON.stringify(c)}`;
        assert.deepEqual([b.kind, b.deviceId, Date.parse(b.start), b.count, b.min, b.max], [screamingSnakeCase(row.kind), row.device_id, Number(row.start_ms), Number(row.count), row.min === null ? null : Number(row.min), row.max === null ? null : Number(row.max)], what);
        if (row.avg === null) assert.equal(b.avg, null, what);
        else assert.ok(Math.abs(b.avg! - Number(row.avg)) <= 1e-9 * Math.abs(Number(row.avg)), what);
      });
    }
  });
});
