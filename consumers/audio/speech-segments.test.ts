import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flush, silence, sileroSettings, step, type SpeechSegment } from './speech-segments.ts';

/** Runs 32 ms frames of these probabilities through the segmenter; returns the segments, flushed at the end. */
function segmentsOf(probabilities: number[], settings = sileroSettings): SpeechSegment[] {
  let state = silence();
  const segments: SpeechSegment[] = [];
  probabilities.forEach((probability, i) => {
    const next = step(state, { startMs: i * 32, durationMs: 32, probability }, settings);
    state = next.state;
    if (next.segment) segments.push(next.segment);
  });
  const last = flush(state, probabilities.length * 32, settings);
  return last ? [...segments, last] : segments;
}

const frames = (count: number, probability: number) => Array<number>(count).fill(probability);

describe('speech segmenter', () => {
  it('starts above the threshold and ends after enough silence, where the silence began', () => {
    assert.deepEqual(segmentsOf([...frames(10, 0.1), ...frames(20, 0.9), ...frames(20, 0.1)]), [{ startMs: 320, endMs: 960, probability: 0.9 }]);
  });

  it('bridges short pauses and middling frames, and drops blips shorter than the minimum', () => {
    const speech = segmentsOf([...frames(20, 0.9), ...frames(5, 0.1), ...frames(5, 0.4), ...frames(20, 0.9), ...frames(20, 0.1), ...frames(3, 0.9), ...frames(20, 0.1)]);
    assert.deepEqual(speech.map((s) => [s.startMs, s.endMs]), [[0, 1600]]);
  });

  it('cuts unbroken speech into pieces no longer than maxSpeechMs', () => {
    const speech = segmentsOf(frames(2000, 0.9));
    assert.ok(speech.length >= 3, JSON.stringify(speech));
    for (const s of speech) assert.ok(s.endMs - s.startMs <= sileroSettings.maxSpeechMs, JSON.stringify(s));
    assert.equal(speech[0]!.startMs, 0);
    speech.slice(1).forEach((s, i) => assert.equal(s.startMs, speech[i]!.endMs, 'pieces follow each other without a gap'));
    assert.equal(speech.at(-1)!.endMs, 2000 * 32);
  });
});
