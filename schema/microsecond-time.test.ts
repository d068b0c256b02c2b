import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMicroseconds, MicrosecondTime, timeOfStoredText } from './microsecond-time.ts';

describe('microsecond times', () => {
  it('write their microseconds in ISO-8601 and JSON, and count them since the epoch', () => {
    const time = new MicrosecondTime(Date.parse('2026-06-01T09:00:00.123Z'), 45);
    assert.equal(time.toISOString(), '2026-06-01T09:00:00.123045Z');
    assert.equal(JSON.stringify({ time }), '{"time":"2026-06-01T09:00:00.123045Z"}');
    assert.equal(epochMicroseconds(time), 1_780_304_400_123_045n);
    assert.equal(epochMicroseconds(new Date('1969-12-31T23:59:59.999Z')), -1000n);
    assert.equal(epochMicroseconds(new MicrosecondTime(-1, 500)), -500n);
  });

  it('read back what PostgreSQL and the wire write, trailing zeros trimmed or not', () => {
    const iso = (text: string) => timeOfStoredText(text).toISOString();
    assert.equal(iso('2026-06-01T09:00:00.123456+00:00'), '2026-06-01T09:00:00.123456Z');
    assert.equal(iso('2026-06-01T11:00:00.1234+02:00'), '2026-06-01T09:00:00.123400Z');
    assert.equal(iso('2026-06-01T09:00:00+00:00'), '2026-06-01T09:00:00.000Z');
    assert.equal(iso('2026-06-01T09:00:00.123Z'), '2026-06-01T09:00:00.123Z');
    assert.equal(iso('2026-06-01T09:00:00.123456Z'), '2026-06-01T09:00:00.123456Z');
    assert.equal(iso('0050-03-01T00:00:00.000Z'), '0050-03-01T00:00:00.000Z');
    assert.ok(!(timeOfStoredText('2026-06-01T09:00:00.123Z') instanceof MicrosecondTime), 'a time without microseconds stays a plain Date');
  });

  it('refuses microseconds outside 0–999', () => {
    assert.throws(() => new MicrosecondTime(0, 1000), /microseconds must be 0–999, got 1000/);
  });
});
