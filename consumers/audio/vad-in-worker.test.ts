// The Silero VAD in its worker thread: the VAD consumer hears in one, never loading onnxruntime-node
// on its own thread; the worker ends when idle and starts again with the next chunk; a batch whose
// worker dies fails and is heard the same again; and it hears exactly what the model in this thread
// hears, the chunk's samples moved to it, not copied.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { threadId, type Worker } from 'node:worker_threads';
import { openBlobDirectory } from '../../db/blob-directory.ts';
import { openInMemoryCache } from '../../db/cache/in-memory.ts';
import { isEventOf, newEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { speechSegment } from '../../schema/kinds/processed.ts';
import type { BlobStore } from '../../db/blob-store.ts';
import { chunksOf, makeSpeech, pcmChunkFields } from '../../test/fixtures/speech.ts';
import { eventually } from '../../test/harness.ts';
import { consumerContext } from '../runtime.ts';
import { pcm16ToFloat } from './pcm.ts';
import type { AudioChunk } from './recording.ts';
import { freshRnnState, loadSileroVad } from './silero-vad.ts';
import { openSileroVadWorker, type SileroVadInWorker } from './vad-in-worker.ts';
import { vad, vadHandlers } from './vad.ts';

const speech = makeSpeech([{ silence: 1 }, { say: 'Remember to buy oat milk and bread.' }, { silence: 1.5 }]);

/** Whether this thread has loaded onnxruntime-node (each thread has its own module cache). */
const onnxruntimeInThisThread = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/node_modules/onnxruntime-node/'));

type Segment = Event<typeof speechSegment>;
type VadConsumer = ReturnType<typeof vadHandlers>;

async function recording(blobs: BlobStore, fileId: string): Promise<AudioChunk[]> {
  const chunks = chunksOf(speech.pcm, 1000);
  return Promise.all(
    chunks.map(async (bytes, seq) =>
      newEvent(audioChunk, {
        deviceId: 'phone',
        time: new Date(Date.UTC(2026, 5, 1, 9) + seq * 1000),
        payload: { ...pcmChunkFields(fileId, seq, bytes), audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' }, isLast: seq === chunks.length - 1 },
      }),
    ),
  );
}

/** A context that keeps the speech segments the consumer emits. */
const collecting = (segments: Segment[]) => consumerContext(vad, async (out) => void segments.push(...out.filter((e) => isEventOf(speechSegment, e))));

const heard = (segments: Segment[]) => segments.map((s) => [s.payload.segmentId, s.payload.durationMs, s.payload.probability]);

const newBlobs = () => openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-vad-worker-blobs-')));

/** Each worker thread started while `during` runs (tsx's esbuild may start one of its own too, compiling a module for the first time). */
async function workersStarted(during: (started: Worker[]) => Promise<void>): Promise<Worker[]> {
  const started: Worker[] = [];
  const onWorker = (worker: Worker) => started.push(worker);
  process.on('worker', onWorker);
  try {
    await during(started);
  } finally {
    process.off('worker', onWorker);
  }
  return started;
}

describe('the Silero VAD in a worker thread', () => {
  // First: the test after this one loads the model in this thread to compare.
  it('is where the VAD consumer hears: the worker ends when idle, a new one hears the next recording the same, and this thread never loads onnxruntime', async () => {
    const blobs = newBlobs();
    // The consumer's own loader (vad.ts's default), watched: its pool says when its worker has ended.
    const loaded: SileroVadInWorker[] = [];
    const consumer = vadHandlers(blobs, openInMemoryCache(), { recordingIdleMs: 30_000, keyPrefix: 'test', modelIdleMs: 500 }, async () => {
      const model = openSileroVadWorker(500);
      loaded.push(model);
      return model;
    });
    const segments: Segment[][] = [];
    try {
      await workersStarted(async (started) => {
        for (const fileId of ['rec-first-worker', 'rec-second-worker']) {
          const startedBefore = started.length;
          const found: Segment[] = [];
          await consumer.handle(await recording(blobs, fileId), collecting(found));
          segments.push(found);
          // (One per recording, unless a pause between two chunks of the batch outlasts modelIdleMs on a busy machine.)
          assert.ok(started.length > startedBefore, 'a worker started for the recording');
          assert.ok(started.every((worker) => worker.threadId !== threadId));
          await eventually(async () => (loaded.every((model) => model.liveWorkers === 0) ? true : undefined), 'the idle VAD worker to end');
        }
      });
    } finally {
      await consumer.close?.();
    }
    assert.equal(onnxruntimeInThisThread(), false, 'onnxruntime-node is not loaded in the consumer thread');
    assert.equal(segments[0]!.length, 1);
    const timed = (found: Segment[]) => found.map((s) => [s.time.getTime(), s.payload.durationMs, s.payload.probability]);
    assert.deepEqual(timed(segments[1]!), timed(segments[0]!));
  });

  it('fails a batch whose worker dies, and hears it the same when it comes again, in a new worker', async () => {
    const blobs = newBlobs();
    const settings = { recordingIdleMs: 30_000, keyPrefix: 'test', modelIdleMs: 60_000 };
    const envelopes = await recording(blobs, 'rec-worker-dies');
    const unbroken: Segment[] = [];
    const reference: VadConsumer = vadHandlers(blobs, openInMemoryCache(), settings);
    const consumer: VadConsumer = vadHandlers(blobs, openInMemoryCache(), settings);
    const segments: Segment[] = [];
    try {
      await reference.handle(envelopes, collecting(unbroken));
      const started = await workersStarted(async (started) => {
        await consumer.handle(envelopes.slice(0, 2), collecting(segments));
        await started[0]!.terminate();
        // The next worker dies as it starts, with the next batch's first chunk sent to it.
        const dying = (worker: Worker) => void worker.terminate();
        process.on('worker', dying);
        try {
          await assert.rejects(consumer.handle(envelopes.slice(2), collecting(segments)), /the voice activity detection worker (exited|failed)/);
        } finally {
          process.off('worker', dying);
        }
        await consumer.handle(envelopes.slice(2), collecting(segments));
      });
      assert.equal(started.length, 3, 'the first worker, the one that died, and the one that heard the batch again');
    } finally {
      await Promise.all([reference.close?.(), consumer.close?.()]);
    }
    assert.equal(unbroken.length, 1);
    assert.deepEqual(heard(segments), heard(unbroken));
  });

  it('hears exactly what the model in this thread hears, the samples moved to the worker and a view of a larger buffer copied', async () => {
    const samples = pcm16ToFloat(speech.pcm, 1);
    const oneSecond = 16_000;
    const inThisThread = await loadSileroVad();
    const expected = await inThisThread.frames(new Float32Array(samples), freshRnnState());
    const afterSilence = await inThisThread.frames(new Float32Array(samples), (await inThisThread.frames(new Float32Array(oneSecond), freshRnnState())).state);
    await inThisThread.release();
    const inWorker = openSileroVadWorker(60_000);
    try {
      const moved = new Float32Array(samples);
      assert.deepEqual(await inWorker.frames(moved, freshRnnState()), expected);
      assert.equal(moved.length, 0, 'the samples moved to the worker (their buffer is detached here)');
      // A second of silence, then the speech: each part a view of one buffer, the second heard from the state the first left.
      const larger = new Float32Array(oneSecond + samples.length);
      larger.set(samples, oneSecond);
      const silence = await inWorker.frames(larger.subarray(0, oneSecond), freshRnnState());
      assert.deepEqual(await inWorker.frames(larger.subarray(oneSecond), silence.state), afterSilence);
      assert.equal(larger.length, oneSecond + samples.length, 'a view is copied: the larger buffer stays whole here');
    } finally {
      await inWorker.release();
    }
    assert.equal(inWorker.liveWorkers, 0);
  });
});
