import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstFrameMatching, frameFindings, type ScreenFrame } from './screen-frames.ts';

const box = { x: 10, y: 20, width: 100, height: 50 };
const frame = (frameIndex: number, ocrText: string | null): ScreenFrame => ({ frameIndex, time: '2026-07-01T09:00:00Z', widthPx: 1280, heightPx: 720, detections: [], ocrText });

describe('screen frames', () => {
  it('names each box with its track id, moving regions as moving', () => {
    const findings = frameFindings({ ...frame(0, null), detections: [{ label: 'person', confidence: 0.6, box, trackId: 3 }], movingRegions: [{ box, dxPx: 40, dyPx: 0, trackId: 1 }, { nobox: true }] });
    assert.deepEqual(findings.objectBoxes, [
      { label: 'person #3', score: 0.6, box },
      { label: 'moving #1', score: 1, box },
    ]);
    assert.deepEqual([findings.widthPx, findings.heightPx], [1280, 720]);
  });

  it('finds the first frame whose text holds every searched word', () => {
    const frames = [frame(0, 'Draft saved'), frame(5, 'Kumquat delivery confirmed'), frame(6, 'Kumquat delivery confirmed')];
    assert.equal(firstFrameMatching(frames, 'kumquat'), 1);
    assert.equal(firstFrameMatching(frames, 'KUMQUAT confirmed'), 1);
    assert.equal(firstFrameMatching(frames, 'pistachio'), -1);
    assert.equal(firstFrameMatching(frames, '  '), -1);
  });
});
