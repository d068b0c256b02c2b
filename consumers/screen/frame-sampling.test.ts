import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleFrames } from './frame-sampling.ts';

const frames = (...times: number[]) => times.map((timeMs, index) => ({ index, timeMs }));
const indexes = (list: { index: number }[]) => list.map((frame) => frame.index);

describe('frame sampling', () => {
  it('analyses every frame that keeps the interval and fits the batch', () => {
    const { analysed, skipped } = sampleFrames(frames(0, 1000, 2000), undefined, { minFrameIntervalMs: 500, maxFramesPerBatch: 8 });
    assert.deepEqual([indexes(analysed), indexes(skipped)], [[0, 1, 2], []]);
  });

  it('skips frames closer than the interval to the last analysed one, also across batches', () => {
    const { analysed, skipped } = sampleFrames(frames(900, 1200, 1400, 1600, 2300), 500, { minFrameIntervalMs: 500, maxFramesPerBatch: 8 });
    // 900 is 400 after 500: skipped; 1200 analysed; 1400 and 1600 are within 500 of it; 2300 analysed.
    assert.deepEqual([indexes(analysed), indexes(skipped)], [[1, 4], [0, 2, 3]]);
  });

  it('thins a batch larger than the cap evenly, keeping its last frame, and counts every frame once', () => {
    const many = frames(...Array.from({ length: 20 }, (_, i) => i * 1000));
    const { analysed, skipped } = sampleFrames(many, undefined, { minFrameIntervalMs: 0, maxFramesPerBatch: 4 });
    assert.deepEqual(indexes(analysed), [5, 10, 14, 19]);
    assert.equal(skipped.length, 16);
    assert.deepEqual([...indexes(analysed), ...indexes(skipped)].sort((a, b) => a - b), indexes(many));
  });
});
