// The runtime on the embedded bus: a consumer declared by kinds gets only the events of those kinds
// (cameraPhoto and screenshot share a topic), validated, and what it emits is built by the codec.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeEvent, newEvent } from '../schema/event-codec.ts';
import { deriveEventId } from '../schema/event-id.ts';
import { cameraPhoto, screenshot } from '../schema/kinds/media.ts';
import { imageAnalysis, transcriptSegment } from '../schema/kinds/processed.ts';
import { openInProcessBus } from '../db/bus/in-process.ts';
import type { Bus, DeliveredMessage, Subscription } from '../db/bus/port.ts';
import { defineConsumer } from './consumer.ts';
import { consumerContext, inputTopicsOf, runHandlers, withHeartbeats } from './runtime.ts';

const image = { sha256: 'ab'.repeat(32), byteSize: 42, mimeType: 'image/png' };
const at = (second: number) => new Date(Date.UTC(2026, 5, 1, 9, 0, second));

/** Reads a topic from its start, keeping every message. */
async function reader(bus: Bus, topic: string): Promise<{ messages: DeliveredMessage[]; subscription: Subscription }> {
  const messages: DeliveredMessage[] = [];
  const subscription = await bus.subscribe({ groupId: `reader-${topic}`, topics: [topic], eachBatch: async (batch) => void messages.push(...batch.messages) });
  return { messages, subscription };
}

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const captioner = defineConsumer({
  name: 'test-captioner',
  reads: [screenshot],
  emits: [imageAnalysis],
  start: () => ({ handle: async () => {} }),
});

describe('consumer runtime', () => {
  let bus: Bus;
  const subscriptions: Subscription[] = [];
  before(async () => {
    bus = await openInProcessBus({ dir: mkdtempSync(join(tmpdir(), 'lifestream-runtime-')) });
  });
  after(async () => {
    await Promise.all(subscriptions.map((s) => s.stop()));
    await bus.close();
  });

  it('subscribes to the topics of the kinds it reads, once each', () => {
    assert.deepEqual(inputTopicsOf(captioner), ['device.image.camera.raw']);
  });

  it('hands a consumer only the kinds it reads from a shared topic, dead-letters an invalid one of them, and emits by kind', async () => {
    const seen: string[] = [];
    const subscription = await runHandlers(
      captioner,
      {
        async handle(events, context) {
          seen.push(...events.map((event) => `${event.kind} ${event.payload.appName ?? ''}`.trim()));
          await context.emit(
            imageAnalysis,
            events.map((event) => ({ deviceId: event.deviceId, time: event.time, payload: { sourceEventId: event.id, caption: `a screenshot of ${event.payload.appName}`, model: 'test' } })),
          );
        },
      },
      bus,
      { groupPrefix: 'test' },
    );
    subscriptions.push(subscription);
    const dlq = await reader(bus, 'device.image.camera.raw.dlq');
    const analyses = await reader(bus, imageAnalysis.topic);
    subscriptions.push(dlq.subscription, analyses.subscription);

    const shot = newEvent(screenshot, { deviceId: 'laptop', time: at(1), payload: { widthPx: 800, heightPx: 600, appName: 'Editor', image } });
    const photo = newEvent(cameraPhoto, { deviceId: 'laptop', time: at(2), payload: { camera: 'FRONT', widthPx: 800, heightPx: 600, image } });
    const badShot = { ...shot, id: 'bad-shot', payload: { ...shot.payload, widthPx: -1 } };
    const badPhoto = { ...photo, id: 'bad-photo', payload: { ...photo.payload, camera: 'SIDE' } };
    const last = newEvent(screenshot, { deviceId: 'laptop', time: at(3), payload: { widthPx: 800, heightPx: 600, appName: 'Terminal', image } });
    const send = (events: object[]) => bus.produce([{ topic: 'device.image.camera.raw', messages: events.map((event) => ({ key: 'laptop', value: JSON.stringify(event) })) }]);
    await send([shot, photo, badShot, badPhoto, last]);
    await until(() => (analyses.messages.length >= 2 ? true : undefined), 'both screenshots analysed');
    // A partition's messages are judged in order and dead letters appended in order: once this one is
    // dead-lettered, any dead letter of the first batch is in front of it.
    await send([{ ...last, id: 'bad-sentinel', payload: { ...last.payload, heightPx: 0 } }]);
    await until(() => (dlq.messages.some((m) => JSON.parse(m.value!).id === 'bad-sentinel') ? true : undefined), 'the sentinel dead-lettered');
    assert.deepEqual(seen, ['screenshot Editor', 'screenshot Terminal']);
    assert.deepEqual(
      dlq.messages.map((m) => m.headers['lifestream-error']),
      ['screenshot payload invalid: widthPx must be 1–16384, got -1', 'screenshot payload invalid: heightPx must be 1–16384, got 0'],
      'the invalid camera photo is left to the consumers that read camera photos',
    );

    const decoded = decodeEvent(analyses.messages[0]!.value, [imageAnalysis]);
    assert.ok('event' in decoded, JSON.stringify(decoded));
    const analysis = decoded.event;
    assert.equal(analysis.kind, 'imageAnalysis');
    assert.equal(analysis.payload.sourceEventId, shot.id);
    assert.equal(analysis.payload.caption, 'a screenshot of Editor');
    assert.deepEqual(analysis.time, shot.time);
    assert.equal(analysis.id, deriveEventId('imageAnalysis', 'laptop', shot.time, analysis.payload), 'the id is derived from the content: redone work repeats it');
    assert.equal(analyses.messages[0]!.key, 'laptop');
  });

  it('refuses to emit a kind the consumer does not declare, at compile time and at run time', async () => {
    const context = consumerContext(captioner, async () => assert.fail('nothing is produced'));
    const transcript = { deviceId: 'laptop', time: at(4), payload: { fileId: 'f', segmentId: 's', text: 'hi', words: [], model: 'test' } };
    // @ts-expect-error transcriptSegment is not among the captioner's emits
    await assert.rejects(context.emit(transcriptSegment, [transcript]), /consumer test-captioner emits transcriptSegment but does not declare it: add it to its emits/);
  });

  it('closes the handlers once it stops, after the batch in flight is handled', async () => {
    const steps: string[] = [];
    let batchStarted!: () => void;
    const started = new Promise<void>((resolve) => (batchStarted = resolve));
    const subscription = await runHandlers(
      { ...captioner, name: 'test-closing' },
      {
        async handle() {
          batchStarted();
          await new Promise((resolve) => setTimeout(resolve, 50));
          steps.push('handled');
        },
        close: async () => void steps.push('closed'),
      },
      bus,
      { groupPrefix: 'test' },
    );
    const shot = newEvent(screenshot, { deviceId: 'desk', time: at(5), payload: { widthPx: 800, heightPx: 600, image } });
    await bus.produce([{ topic: 'device.image.camera.raw', messages: [{ key: 'desk', value: JSON.stringify(shot) }] }]);
    await started;
    await Promise.all([subscription.stop(), subscription.stop()]);
    assert.deepEqual(steps, ['handled', 'closed']);
  });
});

describe('heartbeats', () => {
  it('tell the group the consumer is alive every few seconds while a batch takes long, and stop with it', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    let beats = 0;
    const batch = { topic: 'device.audio.raw', partition: 0, messages: [], highWatermark: '0', heartbeat: async () => void beats++ };
    let finish!: () => void;
    const handled = withHeartbeats(batch, 'slow', () => new Promise<void>((resolve) => (finish = resolve)));
    t.mock.timers.tick(10_000);
    assert.equal(beats, 3);
    finish();
    await handled;
    t.mock.timers.tick(10_000);
    assert.equal(beats, 3, 'none once the batch is handled');
  });
});
