import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openBlobDirectory } from '../../db/blob-directory.ts';
import { openInMemoryCache } from '../../db/cache/in-memory.ts';
import { isEventOf, newEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { screenKeyframe } from '../../schema/kinds/media.ts';
import { objectDetections, screenSession } from '../../schema/kinds/processed.ts';
import { consumerContext } from '../runtime.ts';
import type { FrameAnalysis } from './analyze-frame.ts';
import type { FrameAnalyzer } from './frame-analyzer.ts';
import { screen, screenHandlers } from './screen-analysis.ts';

const start = Date.UTC(2026, 6, 1, 9);

/** Answers every frame as unchanged: the handlers' session logic is what is under test here, not the models. */
const unchangedFrames: FrameAnalyzer = {
  analyze: async (): Promise<FrameAnalysis> => ({
    width: 8,
    height: 8,
    gray: { width: 8, height: 8, data: new Uint8Array(64) },
    changed: false,
    changedFraction: 0,
    sceneCut: false,
    ocr: 'SKIPPED',
    textLines: [],
    models: {},
    timingsMs: { decode: 1, compare: 1, total: 2 },
  }),
  close: async () => {},
};

describe('screen consumer sessions', () => {
  it('closes a session with no frame for the idle time, emits its result once, and refuses its later frames', async () => {
    const blobs = openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-screen-blobs-')));
    const bytes = new Uint8Array([1, 2, 3]);
    const image = { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'image/png' };
    const frame = (frameIndex: number) => newEvent(screenKeyframe, { deviceId: 'laptop', time: new Date(start + frameIndex * 1000), payload: { sessionId: 's', frameIndex, widthPx: 8, heightPx: 8, image } });
    const handlers = screenHandlers(blobs, openInMemoryCache(), { sessionIdleMs: 20, minFrameIntervalMs: 0, maxFramesPerBatch: 8, keyPrefix: 'test' }, () => unchangedFrames);
    const emitted: Event[] = [];
    const context = consumerContext(screen, async (events) => void emitted.push(...events));

    await handlers.handle([frame(0), frame(1)], context);
    assert.equal(emitted.filter((e) => isEventOf(objectDetections, e)).length, 2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await handlers.periodic!.run(context);
    await handlers.periodic!.run(context);
    const results = emitted.filter((e) => isEventOf(screenSession, e));
    assert.equal(results.length, 1, 'one result, however often the check runs');
    assert.deepEqual(results[0]!.payload, { sessionId: 's', closedBy: 'IDLE', endedAt: new Date(start + 1000), frames: 2, analysedFrames: 2, skippedFrames: 0, ocrRuns: 0, ocrSkippedFrames: 2 });
    assert.equal(results[0]!.time.getTime(), start);

    const late = frame(2);
    const handled = await handlers.handle([late], context);
    assert.deepEqual(handled?.rejected.map((r) => [r.event, r.error]), [[late, 'screen keyframe 2 of session s came after the session closed (no frame for 0.02 s); send a new sessionId for a new recording']]);
  });
});
