import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindNamed } from '../schema/catalogue.ts';
import { timelineBucketsQuery } from './timeline-buckets.ts';
import { containsPattern } from './timeline-text.ts';

const heartRate = kindNamed('heartRate')!;
const notification = kindNamed('notification')!;
const day = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-02T00:00:00Z'), bucketSeconds: 300, perDevice: false };

describe('timeline buckets query', () => {
  it('aggregates the kind\'s catalogue value in date_bin buckets starting at from', () => {
    const { sql, params } = timelineBucketsQuery({ ...day, kinds: [heartRate] });
    assert.match(sql, /date_bin\(make_interval\(secs => \$3::double precision\), t\.time, \$1::timestamptz\)/);
    assert.match(sql, /min\(t\.bpm\)::float8 AS min, avg\(t\.bpm\)::float8 AS avg, max\(t\.bpm\)::float8 AS max/);
    assert.match(sql, /FROM heart_rate t/);
    assert.deepEqual(params, ['2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z', 300]);
  });

  it('counts kinds without a value and sums over devices unless asked per device', () => {
    const together = timelineBucketsQuery({ ...day, kinds: [notification] }).sql;
    assert.match(together, /NULL::text AS device_id/);
    assert.match(together, /min\(NULL::float8\)/);
    assert.match(timelineBucketsQuery({ ...day, kinds: [notification], perDevice: true }).sql, /t\.device_id AS device_id/);
  });

  it('narrows to devices and to the kinds whose text fields contain the text', () => {
    const { sql, params } = timelineBucketsQuery({ ...day, kinds: [heartRate, notification], deviceIds: ['watch'], text: '50%_off' });
    assert.doesNotMatch(sql, /heart_rate/, 'heart rate has no text to search');
    assert.match(sql, /\(t\.app_name ILIKE \$5 OR t\.title ILIKE \$5 OR t\.text ILIKE \$5\)/);
    assert.deepEqual(params.slice(3), ['["watch"]', '%50\\%\\_off%']);
  });

  it('has nothing to ask when no kind is left', () => {
    assert.equal(timelineBucketsQuery({ ...day, kinds: [heartRate], text: 'x' }).sql, '');
  });

  it('takes LIKE wildcards in the text literally', () => {
    assert.equal(containsPattern('a\\b%c_d'), '%a\\\\b\\%c\\_d%');
  });
});
