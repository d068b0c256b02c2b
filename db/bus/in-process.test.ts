import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openInProcessBus } from './in-process.ts';
import type { Bus, DeliveredMessage } from './port.ts';

const messages = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ key: 'device', value: `message ${from + i}` }));

/** Subscribes and resolves with what arrived once `count` messages did. */
async function consumeUntil(bus: Bus, groupId: string, topic: string, count: number, fail?: (m: DeliveredMessage[]) => boolean) {
  const seen: DeliveredMessage[] = [];
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const subscription = await bus.subscribe({
    groupId,
    topics: [topic],
    maxBytesPerPartition: 200,
    eachBatch: async (batch) => {
      if (fail?.(batch.messages)) throw new Error('handler failed');
      seen.push(...batch.messages);
      if (seen.length >= count) resolve();
    },
  });
  await done;
  await subscription.stop();
  return seen;
}

describe('in-process bus', () => {
  it('delivers in order and resumes after the committed offset when reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bus-'));
    let bus = await openInProcessBus({ dir });
    await bus.produce([{ topic: 't.one', messages: messages(0, 50) }]);
    const first = await consumeUntil(bus, 'g', 't.one', 50);
    assert.deepEqual(first.map((m) => m.value), messages(0, 50).map((m) => m.value));
    assert.deepEqual(first.map((m) => m.offset), Array.from({ length: 50 }, (_, i) => String(i)));
    await bus.close();

    bus = await openInProcessBus({ dir });
    await bus.produce([{ topic: 't.one', messages: messages(50, 5) }]);
    const second = await consumeUntil(bus, 'g', 't.one', 5);
    assert.deepEqual(second.map((m) => m.value), messages(50, 5).map((m) => m.value));
    const otherGroup = await consumeUntil(bus, 'other', 't.one', 55);
    assert.equal(otherGroup.length, 55);
    await bus.close();
  });

  it('redelivers a batch whose handler failed, and commits nothing of it', async () => {
    const bus = await openInProcessBus({ dir: mkdtempSync(join(tmpdir(), 'bus-')) });
    await bus.produce([{ topic: 't.retry', messages: messages(0, 3) }]);
    let failuresLeft = 2;
    const seen = await consumeUntil(bus, 'g', 't.retry', 3, () => failuresLeft-- > 0);
    assert.deepEqual(seen.map((m) => m.value), ['message 0', 'message 1', 'message 2']);
    await bus.close();
  });

  it('cuts a torn last line left by a crash and goes on appending after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bus-'));
    let bus = await openInProcessBus({ dir });
    await bus.produce([{ topic: 't.torn', messages: messages(0, 2) }]);
    await bus.close();
    const segmentDir = join(dir, 'topics', 't.torn');
    appendFileSync(join(segmentDir, readdirSync(segmentDir)[0]!), '{"k":"device","v":"half a mess');
    bus = await openInProcessBus({ dir });
    await bus.produce([{ topic: 't.torn', messages: messages(2, 1) }]);
    const seen = await consumeUntil(bus, 'g', 't.torn', 3);
    assert.deepEqual(seen.map((m) => [m.offset, m.value]), [['0', 'message 0'], ['1', 'message 1'], ['2', 'message 2']]);
    await bus.close();
  });

  it('reads across segments and deletes old segments every group has consumed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bus-'));
    const bus = await openInProcessBus({ dir, segmentBytes: 300, retentionMs: 0 });
    for (let i = 0; i < 20; i++) await bus.produce([{ topic: 't.roll', messages: messages(i * 5, 5) }]);
    const segmentDir = join(dir, 'topics', 't.roll');
    assert.ok(readdirSync(segmentDir).length > 5);
    const seen = await consumeUntil(bus, 'g', 't.roll', 100);
    assert.deepEqual(seen.map((m) => m.value), messages(0, 100).map((m) => m.value));
    assert.ok(readdirSync(segmentDir).length <= 2, `left ${readdirSync(segmentDir).length} segments`);
    await bus.close();
  });

  it('refuses a directory another live process holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bus-'));
    writeFileSync(join(dir, 'bus.pid'), String(process.ppid));
    await assert.rejects(openInProcessBus({ dir }), /in use by another Lifestream process/);
  });
});
