import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openInMemoryCache } from '../../db/cache/in-memory.ts';
import { storedEventsChannel } from '../../db/cache/channels.ts';
import type { Envelope } from '../../schema/envelope.ts';
import { startFanOut, tooSlowCloseCode } from './fan-out.ts';

const heartRate = (deviceId: string, n: number): Envelope => ({
  id: `${deviceId}-${n}`,
  kind: 'heartRate',
  deviceId,
  time: new Date(Date.UTC(2026, 5, 1, 0, 0, n)).toISOString(),
  receivedAt: '2026-06-01T00:00:00.000Z',
  payload: { bpm: 60 + n },
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('live fan-out', () => {
  it('drops a subscriber whose queue overflows and keeps delivering to the others', async () => {
    const cache = openInMemoryCache();
    const live = await startFanOut(cache, { maxQueue: 2 });
    const closes: number[] = [];
    const reader = live.subscribe({ deviceIds: new Set(['watch']) }, 'reader');
    const stalled = live.subscribe({}, 'stalled', { close: (code) => void closes.push(code) });
    const publish = async (events: Envelope[]) => {
      await cache.publish(storedEventsChannel, JSON.stringify(events));
      await tick();
    };

    await publish([heartRate('watch', 1), heartRate('phone', 2)]);
    assert.equal((await reader.next()).value?.id, 'watch-1');
    assert.deepEqual(closes, [], 'two queued events are within the bound');
    await publish([heartRate('watch', 3)]);
    assert.deepEqual(closes, [tooSlowCloseCode], 'the third unread event overflows the queue of the subscriber that never read');
    assert.equal((await reader.next()).value?.id, 'watch-3');
    assert.deepEqual(await stalled.next(), { value: undefined, done: true });
    assert.equal(live.subscriptionsOf('stalled'), 0);
    assert.equal(live.subscriptionsOf('reader'), 1);
    await live.close();
  });

  it('filters on kinds and payload fields', async () => {
    const cache = openInMemoryCache();
    const live = await startFanOut(cache, { maxQueue: 100 });
    const only = live.subscribe({ kinds: new Set(['heartRate']), fieldEquals: [{ field: 'bpm', value: '62' }] }, 't');
    await cache.publish(storedEventsChannel, JSON.stringify([1, 2, 3].map((n) => heartRate('watch', n))));
    await tick();
    assert.equal((await only.next()).value?.id, 'watch-2');
    await live.close();
  });
});
