import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveEventId } from './event-id.ts';

const time = new Date('2026-03-01T10:00:00.123Z');

describe('derived event ids', () => {
  // Computed by the first implementation (a sorted copy handed to JSON.stringify): a device re-sending
  // after an upgrade must get the same ids, or its rows are duplicated.
  const pinned: [string, object, string][] = [
    ['flat, with quotes and non-ASCII text', { bpm: 64, note: 'a "quoted" ünïcode ✓' }, 'ad02de4a-e8e5-07b3-f5e6-4da817f6a78e'],
    ['null and undefined members left out', { b: null, a: undefined, c: 1 }, '9e5fae4d-e692-8950-6ae5-955f98121240'],
    ['nested objects with keys sorted, arrays kept in order, Dates as ISO-8601', { z: { y: [3, { b: 2, a: 1 }], x: new Date('2020-01-01T00:00:00Z') }, a: [null, 'x', true] }, '877382d4-e158-4f9d-af3e-6b842d4c5860'],
    ['empty', {}, '885b86e1-7d31-a236-bb59-baa07dd60f61'],
    ['numbers as JSON writes them', { neg: -0.5, big: 1e21, int: 7 }, 'af26ee48-c079-afa7-41f3-d8a4d0ea9cbd'],
  ];
  for (const [name, payload, id] of pinned) {
    it(`keeps the id it derived before: ${name}`, () => assert.equal(deriveEventId('note', 'dev:1', time, payload), id));
  }

  it('does not depend on the order the fields were given in', () => {
    assert.equal(deriveEventId('note', 'dev:1', time, { a: 1, b: { d: 2, c: 3 } }), deriveEventId('note', 'dev:1', time, { b: { c: 3, d: 2 }, a: 1 }));
  });
});
