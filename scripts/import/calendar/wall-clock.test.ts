import assert from 'node:assert/strict';
import { it } from 'node:test';
import { instantInZone, isIanaZone } from './wall-clock.ts';

const at = (zone: string, hour: number, day: number, month: number) => instantInZone(zone, { year: 2025, month, day, hour, minute: 30, second: 0 }).toISOString();

it('places wall-clock times by the zone\'s rules on either side of daylight saving', () => {
  assert.equal(at('America/New_York', 9, 8, 3), '2025-03-08T14:30:00.000Z');
  assert.equal(at('America/New_York', 9, 10, 3), '2025-03-10T13:30:00.000Z');
  assert.equal(at('Europe/Berlin', 9, 25, 10), '2025-10-25T07:30:00.000Z');
  assert.equal(at('Europe/Berlin', 9, 27, 10), '2025-10-27T08:30:00.000Z');
});

it('moves a time in the spring-forward gap an hour on', () => {
  assert.equal(at('Europe/Berlin', 2, 30, 3), '2025-03-30T01:30:00.000Z');
});

it('knows IANA zones from other names', () => {
  assert.equal(isIanaZone('Asia/Tokyo'), true);
  assert.equal(isIanaZone('W. Europe Standard Time'), false);
});
