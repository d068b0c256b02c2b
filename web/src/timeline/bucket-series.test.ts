import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketsOfSeries } from './bucket-series.ts';

describe('bucket series in the web app', () => {
  it('reads each series element back as one bucket of its kind and device', () => {
    const series = [
      { kind: 'HEART_RATE', deviceId: 'watch', starts: ['2026-06-01T00:00:00.000Z', '2026-06-01T00:05:00.000Z'], counts: [2, 3], min: [60, 70], avg: [61, 71], max: [62, 72] },
      { kind: 'NOTIFICATION', deviceId: null, starts: ['2026-06-01T00:05:00.000Z'], counts: [4], min: [null], avg: [null], max: [null] },
    ];
    assert.deepEqual(bucketsOfSeries(series), [
      { kind: 'HEART_RATE', deviceId: 'watch', start: '2026-06-01T00:00:00.000Z', count: 2, min: 60, avg: 61, max: 62 },
      { kind: 'HEART_RATE', deviceId: 'watch', start: '2026-06-01T00:05:00.000Z', count: 3, min: 70, avg: 71, max: 72 },
      { kind: 'NOTIFICATION', deviceId: null, start: '2026-06-01T00:05:00.000Z', count: 4, min: null, avg: null, max: null },
    ]);
  });
});
