import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deserializeSession, frameArrival, newSession, serializeSession, takeFrame } from './screen-session.ts';

describe('screen session', () => {
  it('tells the next frame, a duplicate, one out of order and one after the close apart', () => {
    const session = newSession('laptop', 's1', 0);
    assert.equal(frameArrival(session, 0), 'next');
    takeFrame(session, 0, 0);
    takeFrame(session, 2, 2000);
    assert.equal(frameArrival(session, 2), 'duplicate');
    assert.equal(frameArrival(session, 0), 'duplicate');
    assert.equal(frameArrival(session, 1), 'out-of-order');
    assert.equal(frameArrival(session, 5), 'next', 'a gap is fine');
    session.closedBy = 'END';
    assert.equal(frameArrival(session, 6), 'closed');
    assert.equal(frameArrival(session, 2), 'duplicate', 'a redelivered frame stays a duplicate after the close');
  });

  it('comes back from the Cache as it went, grey frame included', () => {
    const session = newSession('laptop', 's1', 1000);
    takeFrame(session, 0, 1000);
    session.previous = { width: 2, height: 2, data: new Uint8Array([1, 2, 3, 255]) };
    assert.deepEqual(deserializeSession(serializeSession(session)), session);
  });
});
