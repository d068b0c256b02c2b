// What keeps failing lands in <topic>.dlq with its error, and the rest of the batch goes on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../consumers/bus/port.ts';
import { defineConsumer } from '../consumers/consumer.ts';
import { runConsumer } from '../consumers/runtime.ts';
import type { Envelope } from '../schema/envelope.ts';
import { steps } from '../schema/kinds/device-state.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

const envelope = (kind: string, deviceId: string, payload: Record<string, unknown>): Envelope => ({
  id: randomUUID(),
  kind,
  deviceId,
  time: '2026-06-01T10:00:00.000Z',
  receivedAt: new Date().toISOString(),
  payload,
});

describe('dead-letter topics', () => {
  let h: Harness;
  const dlq: DeliveredMessage[] = [];
  before(async () => {
    h = await startHarness();
    await h.startPersistence();
    await h.rawBus().subscribe({
      groupId: `test-dlq-reader-${randomUUID()}`,
      topics: ['device.health.heartrate.raw.dlq', 'device.health.steps.raw.dlq'],
      eachBatch: async (batch) => void dlq.push(...batch.messages),
    });
  });
  after(() => h.close());

  const deadLettersOf = (device: string, count: number) =>
    eventually(async () => {
      const mine = dlq.filter((m) => m.key === device);
      return mine.length >= count ? mine : undefined;
    }, `${count} dead letters of ${device}`);

  it('persistence dead-letters unparseable and invalid messages with their error and stores the good ones', async () => {
    const device = uniqueDevice('poison');
    const good = envelope('heartRate', device, { bpm: 64 });
    await h.rawBus().produce([
      {
        topic: 'device.health.heartrate.raw',
        messages: [
          { key: device, value: '{not json' },
          { key: device, value: JSON.stringify(envelope('heartRate', device, { bpm: 'fast' })) },
          { key: device, value: JSON.stringify(good) },
        ],
      },
    ]);
    const letters = await deadLettersOf(device, 2);
    assert.equal(letters.length, 2);
    assert.match(letters[0]!.headers['lifestream-error']!, /^not JSON/);
    assert.equal(letters[0]!.value, '{not json');
    assert.match(letters[1]!.headers['lifestream-error']!, /heartRate payload invalid: bpm must be number/);
    assert.equal(letters[1]!.headers['lifestream-consumer'], 'persistence');
    assert.match(letters[1]!.headers['lifestream-source']!, /^device\.health\.heartrate\.raw\/\d+\/\d+$/);
    await eventually(async () => {
      const rows = await h.services.store.query(`SELECT id FROM heart_rate WHERE id = $1`, [good.id]);
      return rows.length === 1 ? true : undefined;
    }, 'the good event stored');
  });

  it('retries a failing batch with backoff, then dead-letters only the message that keeps failing', async () => {
    const device = uniqueDevice('flaky');
    const poisoned = envelope('steps', device, { count: 13, intervalS: 60 });
    const healthy = [envelope('steps', device, { count: 1, intervalS: 60 }), envelope('steps', device, { count: 2, intervalS: 60 })];
    const handled: string[] = [];
    let attemptsOnPoison = 0;
    const failing = defineConsumer({
      name: `failing-${randomUUID().slice(0, 8)}`,
      reads: [steps],
      emits: [],
      start: () => ({
        async handle(events) {
          if (events.some((e) => e.id === poisoned.id)) {
            attemptsOnPoison++;
            throw new Error('model crashed on this input');
          }
          handled.push(...events.filter((e) => e.deviceId === device).map((e) => e.id));
        },
      }),
    });
    await runConsumer(failing, h.services, { groupPrefix: h.env.LIFESTREAM_GROUP_PREFIX!, retry: { retries: 2, minTimeoutMs: 10, maxTimeoutMs: 50 } });
    await h.rawBus().produce([
      { topic: 'device.health.steps.raw', messages: [healthy[0]!, poisoned, healthy[1]!].map((e) => ({ key: device, value: JSON.stringify(e) })) },
    ]);
    const [letter] = await deadLettersOf(device, 1);
    assert.equal(letter!.headers['lifestream-error'], 'model crashed on this input');
    assert.equal(JSON.parse(letter!.value!).id, poisoned.id);
    await eventually(async () => (handled.length >= 2 ? true : undefined), 'the healthy messages handled');
    assert.deepEqual(new Set(handled), new Set(healthy.map((e) => e.id)));
    // 3 attempts on the whole batch, then 3 on the poisoned message alone.
    assert.equal(attemptsOnPoison, 6);
  });
});
