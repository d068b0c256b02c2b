import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindNamed } from '../schema/catalogue.ts';
import { rawTimelineBucketsQuery, rollupCellFor, timelineBucketsQuery } from './timeline-buckets.ts';
import { containsPattern, textMatch } from './timeline-text.ts';

const heartRate = kindNamed('heartRate')!;
const notification = kindNamed('notification')!;
const day = { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-06-02T00:00:00Z'), bucketSeconds: 300, perDevice: false };

describe('timeline buckets query', () => {
  it('aggregates the kind\'s catalogue value of the rows in date_bin buckets starting at from', () => {
    const { sql, params } = rawTimelineBucketsQuery({ ...day, kinds: [heartRate] });
    assert.match(sql, /date_bin\(make_interval\(secs => \$3::double precision\), t\.time, \$1::timestamptz\)/);
    assert.match(sql, /min\(t\.bpm\)::float8 AS min, avg\(t\.bpm\)::float8 AS avg, max\(t\.bpm\)::float8 AS max/);
    assert.match(sql, /FROM heart_rate t/);
    assert.deepEqual(params, ['2026-06-01T00:00:00.000Z', '2026-06-02T00:00:00.000Z', 300]);
  });

  it('counts kinds without a value and sums over devices unless asked per device', () => {
    const together = rawTimelineBucketsQuery({ ...day, kinds: [notification] }).sql;
    assert.match(together, /NULL::text AS device_id/);
    assert.match(together, /min\(NULL::float8\)/);
    assert.match(rawTimelineBucketsQuery({ ...day, kinds: [notification], perDevice: true }).sql, /t\.device_id AS device_id/);
  });

  it('reads the widest rollup cell that divides the buckets and on whose boundary from falls', () => {
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], bucketSeconds: 26 * 3600 }), 3600);
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], bucketSeconds: 2 * 86_400 }), 86_400);
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], from: new Date('2026-06-01T00:05:00Z'), bucketSeconds: 7200 }), 300);
    assert.match(timelineBucketsQuery({ ...day, kinds: [heartRate] }).sql, /FROM timeline_rollup t WHERE t\.kind = ANY\(\$6::text\[\]\) AND t\.cell_seconds = \$4/);
  });

  it('reads the rows when no cell fits: buckets narrower than 5 minutes, from off a cell boundary, or a text filter', () => {
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], bucketSeconds: 60 }), undefined);
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], from: new Date('2026-06-01T00:00:01Z') }), undefined);
    assert.equal(rollupCellFor({ ...day, kinds: [heartRate], text: 'x' }), undefined);
    assert.doesNotMatch(timelineBucketsQuery({ ...day, kinds: [heartRate], bucketSeconds: 60 }).sql, /timeline_rollup/);
  });

  it('narrows to devices and to the kinds whose text fields contain the text', () => {
    const { sql, params } = timelineBucketsQuery({ ...day, kinds: [heartRate, notification], deviceIds: ['watch'], text: '50%_off' });
    assert.doesNotMatch(sql, /heart_rate/, 'heart rate has no text to search');
    assert.ok(sql.includes(`${textMatch(notification, '$5')}`), 'the indexed expression of its text fields');
    assert.deepEqual(params.slice(3), ['["watch"]', '%50\\%\\_off%']);
  });

  it('has nothing to ask when no kind is left', () => {
    assert.equal(timelineBucketsQuery({ ...day, kinds: [heartRate], text: 'x' }).sql, '');
  });

  it('takes LIKE wildcards in the text literally', () => {
    assert.equal(containsPattern('a\\b%c_d'), '%a\\\\b\\%c\\_d%');
  });
});
