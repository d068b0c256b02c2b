import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimeText } from './time-text.ts';

const iso = (text: string) => parseTimeText(text)?.toISOString();

describe('time text', () => {
  it('reads RFC 3339 date-times with an offset, T and Z in either case', () => {
    assert.equal(iso('2026-06-01T09:30:00Z'), '2026-06-01T09:30:00.000Z');
    assert.equal(iso('2026-06-01t09:30:00z'), '2026-06-01T09:30:00.000Z');
    assert.equal(iso('2026-06-01T09:30:00+02:00'), '2026-06-01T07:30:00.000Z');
    assert.equal(iso('2026-06-01T09:30:00-00:00'), '2026-06-01T09:30:00.000Z');
    assert.equal(iso('2026-06-01T09:30:00.5Z'), '2026-06-01T09:30:00.500Z');
    assert.equal(iso('2026-06-01T09:30:00.12-05:30'), '2026-06-01T15:00:00.120Z');
    assert.equal(iso('2026-06-01T09:30:00.12345+23:59'), '2026-05-31T09:31:00.123450Z');
    assert.equal(iso('2026-06-01T09:30:00.000000000001Z'), '2026-06-01T09:30:00.000Z');
  });

  it('keeps microseconds, as PostgreSQL does, and drops finer fractions', () => {
    assert.equal(iso('2026-06-01T09:30:00.123456Z'), '2026-06-01T09:30:00.123456Z');
    assert.equal(iso('2026-06-01T09:30:00.1234+02:00'), '2026-06-01T07:30:00.123400Z');
    assert.equal(iso('2026-06-01T09:30:00.123456789Z'), '2026-06-01T09:30:00.123456Z');
    assert.equal(iso('2026-06-01T09:30:00.123000Z'), '2026-06-01T09:30:00.123Z');
    assert.equal(iso('1970-01-01T00:00:00.000001Z'), '1970-01-01T00:00:00.000001Z');
    assert.equal(iso('0001-01-01T00:00:00.999999Z'), '0001-01-01T00:00:00.999999Z');
  });

  it('keeps the year as written, also below 100 and past 9999 once the offset is applied', () => {
    assert.equal(iso('0050-03-01T00:00:00Z'), '0050-03-01T00:00:00.000Z');
    assert.equal(iso('9999-12-31T23:59:59-23:59'), '+010000-01-01T23:58:59.000Z');
    assert.equal(iso('0001-01-01T00:00:00+01:00'), '0000-12-31T23:00:00.000Z');
  });

  it('refuses what is not a date-time with offset', () => {
    for (const text of [
      '2026-06-01T09:30:00',
      '2026-06-01T09:30Z',
      '2026-06-01 09:30:00Z',
      '2026-06-01T09:30:00+0200',
      '2026-06-01T09:30:00+02',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-06-01T24:00:00Z',
      '2026-06-01T23:59:60Z',
      '2026-06-01T09:30:00+24:00',
      '2026-06-01T09:30:00.Z',
      '+002026-06-01T09:30:00Z',
      'yesterday',
      '',
    ]) {
      assert.equal(parseTimeText(text), undefined, text);
    }
    assert.equal(iso('2024-02-29T00:00:00Z'), '2024-02-29T00:00:00.000Z');
  });
});
