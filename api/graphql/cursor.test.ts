import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('timeline cursor', () => {
  it('round-trips microsecond time, device and ids containing colons', () => {
    const position = { timeUs: 1_717_243_200_123_456n, id: 'device:42:abc', deviceId: 'phone:1' };
    assert.deepEqual(decodeCursor(encodeCursor(position)), position);
    const withoutDevice = { timeUs: -5n, id: '[1]' };
    assert.deepEqual(decodeCursor(encodeCursor(withoutDevice)), withoutDevice);
  });

  it('still reads cursors made before events were keyed per device', () => {
    assert.deepEqual(decodeCursor(Buffer.from('1717243200123456:abc').toString('base64url')), { timeUs: 1_717_243_200_123_456n, id: 'abc' });
  });

  it('refuses what it did not make', () => {
    assert.equal(decodeCursor('garbage'), undefined);
    assert.equal(decodeCursor(Buffer.from('12x:id').toString('base64url')), undefined);
    assert.equal(decodeCursor(Buffer.from('["12","id"]').toString('base64url')), undefined);
    assert.equal(decodeCursor(Buffer.from('["1.5","id","d"]').toString('base64url')), undefined);
    assert.equal(decodeCursor(Buffer.from('[').toString('base64url')), undefined);
    assert.equal(decodeCursor(encodeCursor({ timeUs: 1n, id: 'a\u0000', deviceId: 'phone' })), undefined);
    assert.equal(decodeCursor(encodeCursor({ timeUs: 1n, id: '\u0000' })), undefined);
  });
});
