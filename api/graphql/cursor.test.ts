import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('timeline cursor', () => {
  it('round-trips microsecond time and ids containing colons', () => {
    const position = { timeUs: 1_717_243_200_123_456n, id: 'device:42:abc' };
    assert.deepEqual(decodeCursor(encodeCursor(position)), position);
  });

  it('refuses what it did not make', () => {
    assert.equal(decodeCursor('garbage'), undefined);
    assert.equal(decodeCursor(Buffer.from('12x:id').toString('base64url')), undefined);
  });
});
