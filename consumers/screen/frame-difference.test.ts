import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameChange, type GrayFrame } from './frame-difference.ts';

const frame = (paint: (x: number, y: number) => number, width = 64, height = 48): GrayFrame => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = paint(x, y);
  return { width, height, data };
};
const plain = frame(() => 200);

describe('frame difference', () => {
  it('calls an identical frame, or one off by noise, unchanged', () => {
    assert.deepEqual(frameChange(plain, frame(() => 200)), { changed: false, changedFraction: 0, sceneCut: false });
    assert.equal(frameChange(plain, frame((x) => 200 - (x % 3) * 5)).changed, false);
  });

  it('boxes the part that changed', () => {
    const change = frameChange(plain, frame((x, y) => (x >= 10 && x < 30 && y >= 5 && y < 9 ? 20 : 200)));
    assert.equal(change.changed, true);
    assert.deepEqual(change.changedBox, { x: 10, y: 5, width: 20, height: 4 });
    assert.equal(change.sceneCut, false);
    assert.ok(Math.abs(change.changedFraction - 80 / (64 * 48)) < 1e-9);
  });

  it('ignores fewer pixels than the minimum (a caret blinking)', () => {
    assert.equal(frameChange(plain, frame((x, y) => (x === 3 && y < 8 ? 0 : 200))).changed, false);
  });

  it('calls a frame mostly changed, or of another size, a scene cut', () => {
    assert.equal(frameChange(plain, frame((x) => (x < 40 ? 30 : 200))).sceneCut, true);
    assert.equal(frameChange(plain, frame(() => 200, 32, 24)).sceneCut, true);
  });
});
