// What keeps failing lands in <topic>.dlq with its error, and the rest of the batch goes on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defineConsumer } from '../consumers/consumer.ts';
import { replayDeadLetters, replayGroupId } from '../db/bus/dead-letter-replay.ts';
import { runConsumer } from '../consumers/runtime.ts';
import type { Envelope } from '../schema/envelope.ts';
import { steps } from '../schema/kinds/device-state.ts';
import { dlqTopic } from '../schema/naming.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { startGroupAtEnd } from './kafka-offsets.ts';

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

  it('persistence dead-letters unparseable and invalid messages with their error, says so in the log, and stores the good ones', async () => {
    const device = uniqueDevice('poison');
    const good = envelope('heartRate', device, { bpm: 64 });
    const logged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
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
      // One line per batch that had dead letters: the two may come in one batch or two.
      const line = await eventually(async () => logged.find((l) => l.startsWith('consumer persistence: gave up on ') && l.includes(' of device.health.heartrate.raw,')), 'the dead letters logged');
      assert.match(line, /^consumer persistence: gave up on [12] messages? of device\.health\.heartrate\.raw, kept in device\.health\.heartrate\.raw\.dlq \(.+\); once the cause is fixed: npm run cli -- dlq replay device\.health\.heartrate\.raw$/);
    } finally {
      console.error = consoleError;
    }
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

  describe('replay (npm run cli -- dlq replay <topic>)', () => {
    // A topic no other test here dead-letters on.
    const topic = 'device.sensor.temperature.raw';
    const replayed: DeliveredMessage[] = [];
    // The embedded bus belongs to the process holding its directory: the harness's.
    const bus = () => (testMode === 'server' ? h.rawBus() : h.services.bus);
    before(async () => {
      const groupId = `test-replayed-${randomUUID()}`;
      if (testMode === 'server') {
        // Only what this test dead-letters and replays: the shared topics hold other runs' too.
        await startGroupAtEnd(h.services.config.KAFKA_BROKERS!, replayGroupId(h.env.LIFESTREAM_GROUP_PREFIX!), [dlqTopic(topic)]);
        await startGroupAtEnd(h.services.config.KAFKA_BROKERS!, groupId, [topic]);
      }
      await h.rawBus().subscribe({ groupId, topics: [topic], eachBatch: async (batch) => void replayed.push(...batch.messages) });
    });

    const deadLetter = (device: string, count: number) => ({
      key: device,
      value: JSON.stringify(envelope('deviceTemperature', device, { celsius: 20 + count })),
      headers: { 'lifestream-error': 'no model for this yet', 'lifestream-consumer': 'steps-model', 'lifestream-source': `${topic}/0/${count}`, 'lifestream-failed-at': new Date().toISOString(), traceparent: `trace-${count}` },
    });

    it('sends dead letters back to their topic, oldest first, each once, at most --limit at a time', async () => {
      const device = uniqueDevice('replay');
      const letters = [1, 2, 3].map((n) => deadLetter(device, n));
      await bus().produce([{ topic: dlqTopic(topic), messages: letters }]);
      const groupPrefix = h.env.LIFESTREAM_GROUP_PREFIX!;
      assert.equal(await replayDeadLetters(bus(), topic, { groupPrefix, limit: 2 }), 2);
      const mine = () => replayed.filter((m) => m.key === device);
      await eventually(async () => (mine().length >= 2 ? true : undefined), 'two dead letters back on the topic');
      assert.deepEqual(mine().map((m) => m.value), letters.slice(0, 2).map((l) => l.value));
      assert.deepEqual(mine()[0]!.headers, { traceparent: 'trace-1', 'lifestream-replayed-from': `${topic}/0/1` }, 'the dead-letter headers are gone, its own are kept');
      assert.equal(await replayDeadLetters(bus(), topic, { groupPrefix, limit: 1_000 }), 1, 'the rest');
      assert.equal(await replayDeadLetters(bus(), topic, { groupPrefix, limit: 1_000 }), 0, 'nothing twice');
      await eventually(async () => (mine().length >= 3 ? true : undefined), 'the third dead letter back on the topic');
      assert.deepEqual(mine().map((m) => m.value), letters.map((l) => l.value));
    });

    const cli = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('../api/cli.ts', import.meta.url).pathname, ...args], { env: { ...process.env, ...h.env } });

    it('refuses a topic that is not the catalogue\'s, naming one that is', async () => {
      await assert.rejects(cli('dlq', 'replay', `${topic}.dlq`), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /unknown topic "device\.sensor\.temperature\.raw\.dlq": give an event topic of the catalogue, such as [a-z.]+ \(without \.dlq\)/);
        return true;
      });
    });

    it('replays from the command line', { skip: testMode !== 'server' && 'the embedded bus is the running process\'s alone' }, async () => {
      const device = uniqueDevice('replay-cli');
      await bus().produce([{ topic: dlqTopic(topic), messages: [deadLetter(device, 7)] }]);
      const { stdout } = await cli('dlq', 'replay', topic, '--limit', '5');
      assert.equal(stdout.trim(), `replayed 1 dead letter from ${topic}.dlq to ${topic}`);
      await eventually(async () => (replayed.some((m) => m.key === device) ? true : undefined), 'the dead letter back on the topic');
    });
  });
});
