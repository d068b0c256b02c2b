import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindNamed } from '../schema/catalogue.ts';
import { bucketSeriesOf } from './timeline-bucket-series.ts';
import type { TimelineBucket } from './timeline-buckets.ts';

const heartRate = kindNamed('heartRate')!;
const notification = kindNamed('notification')!;
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute));
const bucket = (kind: TimelineBucket['kind'], deviceId: string | null, minute: number, count: number, value: number | null = null): TimelineBucket => ({
  kind,
  deviceId,
  start: at(minute),
  count,
  min: value,
  avg: value,
  max: value,
});

describe('bucket series', () => {
  it('groups buckets per kind and device in the order of their first bucket, keeping each bucket in place', () => {
    const buckets = [
      bucket(heartRate, 'watch', 0, 2, 60),
      bucket(notification, 'phone', 0, 1),
      bucket(heartRate, 'watch', 5, 3, 70),
      bucket(heartRate, 'ring', 5, 1, 65),
      bucket(notification, 'phone', 10, 4),
    ];
    assert.deepEqual(bucketSeriesOf(buckets), [
      { kind: heartRate, deviceId: 'watch', starts: [at(0), at(5)], counts: [2, 3], min: [60, 70], avg: [60, 70], max: [60, 70] },
      { kind: notification, deviceId: 'phone', starts: [at(0), at(10)], counts: [1, 4], min: [null, null], avg: [null, null], max: [null, null] },
      { kind: heartRate, deviceId: 'ring', starts: [at(5)], counts: [1], min: [65], avg: [65], max: [65] },
    ]);
  });

  it('keeps buckets summed over devices apart from a device of the same kind', () => {
    const series = bucketSeriesOf([bucket(heartRate, null, 0, 2, 60), bucket(heartRate, '', 0, 1, 61)]);
    assert.deepEqual(series.map((s) => s.deviceId), [null, '']);
  });

  it('makes no series of no buckets', () => {
    assert.deepEqual(bucketSeriesOf([]), []);
  });
});
