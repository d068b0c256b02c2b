import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classNamesFromMetadata, decodeYoloOutput, letterbox } from './ultralytics-yolo.ts';

/** An output [1, 4 + classes, candidates] from candidates given as [cx, cy, w, h, ...scores]. */
const output = (candidates: number[][]) => {
  const rows = candidates[0]!.length;
  const data = new Float32Array(rows * candidates.length);
  candidates.forEach((candidate, i) => candidate.forEach((value, row) => (data[row * candidates.length + i] = value)));
  return { data, dims: [1, rows, candidates.length] };
};

describe('Ultralytics YOLO', () => {
  it('letterboxes a wide image into the square, centred, padded with grey 114', () => {
    const image = { width: 4, height: 2, data: new Uint8Array(4 * 2 * 3).fill(255) };
    const box = letterbox(image, 8);
    assert.deepEqual([box.scale, box.padX, box.padY], [2, 0, 2]);
    assert.ok(Math.abs(box.tensor[0]! - 114 / 255) < 1e-6, 'the top rows are padding');
    assert.equal(box.tensor[2 * 8 + 0], 1, 'row 2 is the image');
    assert.equal(box.tensor.length, 3 * 64);
  });

  it('decodes candidates back into the image pixels with their best class, leaving out low scores', () => {
    const image = { width: 4, height: 2, data: new Uint8Array(24) };
    const box = letterbox(image, 8);
    // In the 8 × 8 input: a box centred at (4, 4), 4 × 2, i.e. the image's (2, 1), 2 × 1.
    const { data, dims } = output([
      [4, 4, 4, 2, 0.1, 0.9],
      [4, 4, 4, 2, 0.2, 0.1],
    ]);
    const found = decodeYoloOutput(data, dims, ['cat', 'window'], box, image, 0.25);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.label, 'window');
    assert.ok(Math.abs(found[0]!.score - 0.9) < 1e-6);
    assert.deepEqual(found[0]!.box, { x: 1, y: 0.5, width: 2, height: 1 });
  });

  it('cuts boxes to the image, and drops those wholly in the padding', () => {
    const image = { width: 4, height: 2, data: new Uint8Array(24) };
    const box = letterbox(image, 8);
    const { data, dims } = output([
      [1, 4, 4, 2, 0.9],
      [4, 0.5, 2, 1, 0.9],
    ]);
    const found = decodeYoloOutput(data, dims, ['window'], box, image, 0.25);
    assert.deepEqual(found.map((f) => f.box), [{ x: 0, y: 0.5, width: 1.5, height: 1 }]);
  });

  it('refuses an output of another layout, naming what it expected', () => {
    assert.throws(() => decodeYoloOutput(new Float32Array(6 * 2), [1, 2, 6], ['a', 'b'], letterbox({ width: 1, height: 1, data: new Uint8Array(3) }, 4), { width: 1, height: 1 }, 0.5), /the YOLO output is \[1, 2, 6\], expected \[1, 6, candidates\] for 2 classes/);
  });

  it("reads the class names from an export's metadata", () => {
    assert.deepEqual(classNamesFromMetadata("{0: 'person', 1: 'bicycle', 2: 'traffic light'}"), ['person', 'bicycle', 'traffic light']);
    assert.throws(() => classNamesFromMetadata('{}'), /lists no classes/);
  });
});
