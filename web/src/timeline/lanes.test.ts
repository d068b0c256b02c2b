import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildLanes, eventBudget, kindsOfSingleEvents, kindsToLoadAsEvents, mergeBuckets, spansOf, valueRange, type Bucket, type EventMark, type KindInfo } from './lanes.ts';

const kinds: KindInfo[] = [
  { kind: 'HEART_RATE', lane: 'Vitals', draw: 'line', valueField: 'bpm' },
  { kind: 'STEPS', lane: 'Vitals', draw: 'bars', valueField: 'count' },
  { kind: 'APP_FOCUS', lane: 'Apps', draw: 'spans' },
  { kind: 'NOTIFICATION', lane: 'Notifications', draw: 'marks' },
];
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 10, minute)).toISOString();
const bucket = (kind: string, deviceId: string, minute: number, count: number, min: number | null = null, avg: number | null = null, max: number | null = null): Bucket => ({
  kind,
  deviceId,
  start: at(minute),
  count,
  min,
  avg,
  max,
});
const event = (kind: string, deviceId: string, minute: number, headline: string, action?: string): EventMark => ({ id: `${kind}-${minute}`, kind, deviceId, time: at(minute), headline, action });

describe('timeline lanes', () => {
  it('merges devices per bucket: counts add, min and max span both, avg weighted by count', () => {
    const [merged] = mergeBuckets([bucket('HEART_RATE', 'watch', 0, 3, 60, 70, 80), bucket('HEART_RATE', 'ring', 0, 1, 50, 90, 95)]);
    assert.deepEqual(merged, { startMs: Date.parse(at(0)), count: 4, min: 50, avg: 75, max: 95 });
    assert.deepEqual(mergeBuckets([bucket('NOTIFICATION', 'phone', 5, 2), bucket('NOTIFICATION', 'phone', 0, 1)]).map((b) => [b.count, b.avg]), [
      [1, null],
      [2, null],
    ]);
  });

  it('groups kinds into the catalogue lanes in catalogue order, or one lane per device', () => {
    const buckets = [bucket('NOTIFICATION', 'phone', 0, 1), bucket('STEPS', 'watch', 0, 1, 10, 10, 10), bucket('HEART_RATE', 'watch', 0, 2, 60, 61, 62)];
    const byLane = buildLanes(kinds, buckets, [], 'lane');
    assert.deepEqual(byLane.map((l) => [l.title, l.tracks.map((t) => `${t.kind}:${t.drawing}`)]), [
      ['Vitals', ['HEART_RATE:line', 'STEPS:bars']],
      ['Notifications', ['NOTIFICATION:marks']],
    ]);
    const byDevice = buildLanes(kinds, buckets, [], 'device');
    assert.deepEqual(byDevice.map((l) => [l.title, l.tracks.map((t) => t.kind)]), [
      ['phone', ['NOTIFICATION']],
      ['watch', ['HEART_RATE', 'STEPS']],
    ]);
  });

  it('draws sparse kinds from their events once few enough are in view, dense ones always from buckets', () => {
    const few = [bucket('NOTIFICATION', 'phone', 0, 12), bucket('APP_FOCUS', 'laptop', 0, 40), bucket('HEART_RATE', 'watch', 0, 5)];
    assert.deepEqual(kindsToLoadAsEvents(kinds, few), ['APP_FOCUS', 'NOTIFICATION']);
    assert.deepEqual(kindsToLoadAsEvents(kinds, [bucket('NOTIFICATION', 'phone', 0, eventBudget + 1)]), []);
  });

  it('lists the kinds of single events (marks and spans), not the series drawn as lines and bars', () => {
    assert.deepEqual(kindsOfSingleEvents(kinds), ['APP_FOCUS', 'NOTIFICATION']);
  });

  it('turns app focus events into spans until the device\'s next one, CLOSED ending without starting one', () => {
    const spans = spansOf([event('APP_FOCUS', 'laptop', 0, 'focused Code'), event('APP_FOCUS', 'laptop', 7, 'focused Firefox'), event('APP_FOCUS', 'laptop', 9, 'closed Code', 'CLOSED'), event('APP_FOCUS', 'desktop', 3, 'focused Mail')]);
    assert.deepEqual(
      spans.map((s) => [s.event.headline, (s.endMs - s.startMs) / 60_000]),
      [
        ['focused Code', 7],
        ['focused Mail', 0],
        ['focused Firefox', 2],
      ],
    );
    const [lane] = buildLanes(kinds, [bucket('APP_FOCUS', 'laptop', 0, 2)], [event('APP_FOCUS', 'laptop', 0, 'focused Code'), event('APP_FOCUS', 'laptop', 7, 'focused Firefox')], 'lane');
    assert.equal(lane!.tracks[0]!.spans!.length, 2);
  });

  it('scales a line to its min and max and bars to the total per bucket from zero', () => {
    const [vitals] = buildLanes(kinds, [bucket('HEART_RATE', 'watch', 0, 2, 55, 60, 65), bucket('HEART_RATE', 'watch', 1, 2, 70, 80, 150), bucket('STEPS', 'watch', 0, 2, 100, 150, 200)], [], 'lane');
    assert.deepEqual(valueRange(vitals!.tracks[0]!), [55, 150]);
    assert.deepEqual(valueRange(vitals!.tracks[1]!), [0, 300]);
  });
});
