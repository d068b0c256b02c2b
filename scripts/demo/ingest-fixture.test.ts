import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectionSummary } from './ingest-fixture.ts';

describe('fixture ingest', () => {
  it('sums up a batch of rejections in one line: a count and an example per code, and what to do', () => {
    const errors = Array.from({ length: 1000 }, (_, index) => ({
      index,
      code: 'FORBIDDEN_DEVICE',
      message: `event ${index} (heartRate): deviceId "watch" is not this token's device ("phone")`,
    }));
    errors.push({ index: 3, code: 'INVALID_FIELD', message: 'event 3 (heartRate): bpm must be 20–300, got 400' });
    const line = rejectionSummary(errors, 1000);
    assert.equal(line.split('\n').length, 1);
    assert.ok(line.length < 500, line);
    assert.match(line, /^1000 of 1000 events rejected: 1000 × FORBIDDEN_DEVICE \(event 0 \(heartRate\): deviceId "watch" is not this token's device \("phone"\)\); .*ingest token without a device/);
    assert.match(line, /1 × INVALID_FIELD \(event 3 \(heartRate\): bpm must be 20–300, got 400\)$/);
  });
});
