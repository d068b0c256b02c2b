import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMicroseconds, isoText, MicrosecondTime, timeOfStoredText } from './microsecond-time.ts';

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

  it('writes a time as toISOString does, microseconds too, at every day boundary and past the four-digit years', () => {
    const same = (time: Date) => assert.equal(isoText(time), time.toISOString(), `${time.getTime()}`);
    const edges = ['0000-01-01T00:00:00.000Z', '0000-02-29T23:59:59.999Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2000-02-29T12:00:00.001Z', '2100-03-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'];
    for (const ms of edges.map(Date.parse)) for (const near of [ms - 1, ms, ms + 1]) [new Date(near), new MicrosecondTime(near, 7), new MicrosecondTime(near, 999)].forEach(same);
    for (let ms = Date.UTC(1896, 0, 1); ms < Date.UTC(2104, 0, 1); ms += 86_400_000) [new Date(ms), new Date(ms - 1)].forEach(same);
    // Spread over years 0000–9999 and a little past them, where toISOString writes ±YYYYYY.
    for (let ms = Date.parse('-000100-01-01T00:00:00Z'); ms < Date.parse('+010100-01-01T00:00:00Z'); ms += 3_155_760_001) same(new Date(ms));
    assert.throws(() => isoText(new Date(NaN)), RangeError);
  });
});
