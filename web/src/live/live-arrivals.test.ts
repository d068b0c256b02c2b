import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arrive, noArrivals, placeOf } from './live-arrivals.ts';

const entry = (time: string) => ({ __typename: 'CalendarEvent' as const, id: 'standup', kind: 'CALENDAR_EVENT' as const, deviceId: 'phone', time, headline: 'Standup' });
const delivery = (time: string, movedFrom: string | null = null) => ({ cursor: `c-${time}`, movedFrom, node: entry(time) });

describe('live arrivals', () => {
  it('keeps one version of a moved event, at its new time, and remembers the place it left', () => {
    const placed = arrive(noArrivals, delivery('2026-06-03T09:00:00.000Z'));
    const moved = arrive(placed, delivery('2026-06-04T10:00:00.000Z', '2026-06-03T09:00:00.000Z'));
    assert.deepEqual(moved.events.map((e) => e.time), ['2026-06-04T10:00:00.000Z']);
    assert.ok(moved.left.includes(placeOf(entry(''), '2026-06-03T09:00:00.000Z')), 'an event the page loaded at the old time is dropped there');
  });

  it('remembers every place a twice-moved event left, and replaces a correction in place', () => {
    const times = ['2026-06-03T09:00:00.000Z', '2026-06-04T10:00:00.000Z', '2026-06-05T11:00:00.000Z'];
    // Loaded by the page at times[0], never delivered there: moved twice, then cancelled where it ended.
    let arrivals = arrive(noArrivals, delivery(times[1]!, times[0]));
    arrivals = arrive(arrivals, delivery(times[2]!, times[1]));
    arrivals = arrive(arrivals, { ...delivery(times[2]!), node: { ...entry(times[2]!), headline: 'Standup (cancelled)' } });
    assert.deepEqual(arrivals.events.map((e) => [e.time, e.headline]), [[times[2], 'Standup (cancelled)']]);
    for (const time of times) assert.ok(arrivals.left.includes(placeOf(entry(''), time)), time);
  });
});
