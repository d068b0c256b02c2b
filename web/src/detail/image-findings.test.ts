import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { facesOf, gazeArrow, linesMatching, objectBoxesOf, scaleBox, textLinesOf } from './image-findings.ts';

const box = { x: 100, y: 50, width: 200, height: 100 };

describe('image findings', () => {
  it('reads text lines, object boxes and faces from their JSON, leaving out what does not read', () => {
    assert.deepEqual(textLinesOf([{ text: 'Zanzibar', confidence: 0.9, box }, { text: 'no box' }, 'junk']), [{ text: 'Zanzibar', confidence: 0.9, box }]);
    assert.deepEqual(objectBoxesOf([{ label: 'person', score: 0.6, box }, { score: 1, box }]), [{ label: 'person', score: 0.6, box }]);
    assert.deepEqual(facesOf([{ box, score: 0.9, ageYears: 29.3, emotion: { label: 'happy', score: 0.99 }, gaze: { bearingRad: 0.4, strength: 0.06 } }, { box, score: 0.8, gaze: { bearingRad: 'left' } }]), [
      { box, score: 0.9, ageYears: 29.3, emotion: { label: 'happy', score: 0.99 }, gaze: { bearingRad: 0.4, strength: 0.06 } },
      { box, score: 0.8 },
    ]);
    assert.deepEqual(textLinesOf(null), []);
  });

  it("scales a box from the image's pixels to the size it is drawn at", () => {
    assert.deepEqual(scaleBox(box, { width: 1280, height: 720 }, { width: 640, height: 360 }), { x: 50, y: 25, width: 100, height: 50 });
    assert.deepEqual(scaleBox(box, { width: 400, height: 200 }, { width: 800, height: 200 }), { x: 200, y: 50, width: 400, height: 100 });
  });

  it("draws the gaze from the face's centre, by bearing and strength, a dot when looking at the camera", () => {
    assert.deepEqual(gazeArrow(box, { bearingRad: 0, strength: 0 }), { x1: 200, y1: 100, x2: 200, y2: 100 });
    const sideways = gazeArrow(box, { bearingRad: Math.PI / 2, strength: 0.5 });
    assert.ok(Math.abs(sideways.x2 - 250) < 1e-9 && Math.abs(sideways.y2 - 100) < 1e-9, JSON.stringify(sideways));
    const down = gazeArrow(box, { bearingRad: 0, strength: 0.5 });
    assert.deepEqual([down.x2, down.y2], [200, 200]);
  });

  it('finds the lines holding any word of a search, whatever the case', () => {
    const lines = textLinesOf([
      { text: 'Quarterly budget review with Marguerite', confidence: 1, box },
      { text: 'Thursday 14:30 in the Zanzibar meeting room', confidence: 1, box },
      { text: 'Bring the pistachio spreadsheet', confidence: 1, box },
    ]);
    assert.deepEqual(linesMatching(lines, 'zanzibar'), [1]);
    assert.deepEqual(linesMatching(lines, 'MARGUERITE  pistachio'), [0, 2]);
    assert.deepEqual(linesMatching(lines, '  '), []);
  });
});
