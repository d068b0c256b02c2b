import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, decodeRelevanceCursor, encodeCursor, encodeRelevanceCursor } from './cursor.ts';

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

  it('carries a relevance exactly, and keeps the two orders apart', () => {
    // 0.15401056 is a float4 as PostgreSQL prints it; 1e-45 the smallest one (a denormal).
    for (const relevance of [0.15401056, 0.09320055, 1e-45, 0]) {
      const position = { relevance, timeUs: 1_717_243_200_123_456n, id: 'device:42:abc', deviceId: 'phone:1' };
      assert.deepEqual(decodeRelevanceCursor(encodeRelevanceCursor(position)), position);
    }
    const timeCursor = encodeCursor({ timeUs: 1n, id: 'a', deviceId: 'phone' });
    const relevanceCursor = encodeRelevanceCursor({ relevance: 0.5, timeUs: 1n, id: 'a', deviceId: 'phone' });
    assert.equal(decodeRelevanceCursor(timeCursor), undefined);
    assert.equal(decodeCursor(relevanceCursor), undefined);
    assert.equal(decodeRelevanceCursor('garbage'), undefined);
    assert.equal(decodeRelevanceCursor(Buffer.from('[-1,"1","a","d"]').toString('base64url')), undefined);
    assert.equal(decodeRelevanceCursor(encodeRelevanceCursor({ relevance: 0.5, timeUs: 1n, id: 'a\u0000', deviceId: 'phone' })), undefined);
  });
});
