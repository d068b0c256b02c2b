// Score threshold and non-maximum suppression on plain detections, and the box arithmetic under them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boxAround, intersectionOverUnion, scaleBox } from './boxes.ts';
import { aboveScore, nonMaxSuppression, type Detection } from './non-max-suppression.ts';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
const options = { minScore: 0.3, iouThreshold: 0.5, perLabel: true, maxDetections: 10 };

describe('boxes', () => {
  it('measures overlap as intersection over union', () => {
    assert.equal(intersectionOverUnion(box(0, 0, 10, 10), box(0, 0, 10, 10)), 1);
    assert.equal(intersectionOverUnion(box(0, 0, 10, 10), box(10, 0, 10, 10)), 0, 'touching edges do not overlap');
    assert.equal(intersectionOverUnion(box(0, 0, 10, 10), box(5, 0, 10, 10)), 50 / 150);
    assert.equal(intersectionOverUnion(box(0, 0, 10, 10), box(2, 2, 4, 4)), 16 / 100, 'a box inside another');
  });

  it('puts a box around the corners of a tilted text line', () => {
    assert.deepEqual(boxAround([[7, 14], [292, 15], [292, 33], [6, 32]]), box(6, 14, 286, 19));
  });

  it('scales a box to the original image and cuts it to the image', () => {
    assert.deepEqual(scaleBox(box(10, 20, 30, 40), 2, 1000, 1000), box(20, 40, 60, 80));
    assert.deepEqual(scaleBox(box(-5, 90, 30, 40), 1, 100, 100), box(0, 90, 25, 10));
    assert.deepEqual(scaleBox(box(1, 1, 1, 1), 1 / 3, 10, 10), box(0.3, 0.3, 0.3, 0.3));
  });
});

describe('score threshold and non-maximum suppression', () => {
  const person: Detection = { label: 'person', score: 0.9, box: box(100, 100, 100, 200) };
  const samePersonShifted: Detection = { label: 'person', score: 0.7, box: box(105, 110, 100, 200) };
  const otherPerson: Detection = { label: 'person', score: 0.6, box: box(400, 100, 100, 200) };
  const motorcycleUnderPerson: Detection = { label: 'motorcycle', score: 0.8, box: box(100, 120, 110, 190) };
  const faint: Detection = { label: 'cup', score: 0.1, box: box(0, 0, 10, 10) };

  it('drops what scores below the threshold, keeping what reaches it', () => {
    assert.deepEqual(aboveScore([faint, otherPerson, { ...faint, score: 0.3 }], 0.3), [otherPerson, { ...faint, score: 0.3 }]);
  });

  it('keeps the best of overlapping boxes of one object and every separate object, best first', () => {
    assert.deepEqual(nonMaxSuppression([otherPerson, samePersonShifted, faint, person], options), [person, otherPerson]);
  });

  it('lets objects of different labels overlap unless told otherwise', () => {
    assert.deepEqual(nonMaxSuppression([person, motorcycleUnderPerson], options), [person, motorcycleUnderPerson]);
    assert.deepEqual(nonMaxSuppression([person, motorcycleUnderPerson], { ...options, perLabel: false }), [person]);
  });

  it('suppresses only above the overlap threshold', () => {
    assert.equal(intersectionOverUnion(person.box, samePersonShifted.box) > 0.5, true);
    assert.deepEqual(nonMaxSuppression([person, samePersonShifted], { ...options, iouThreshold: 0.95 }), [person, samePersonShifted]);
  });

  it('keeps at most maxDetections, the best ones', () => {
    const row = Array.from({ length: 5 }, (_, i): Detection => ({ label: 'car', score: 0.5 + i / 10, box: box(i * 100, 0, 50, 50) }));
    assert.deepEqual(
      nonMaxSuppression(row, { ...options, maxDetections: 2 }).map((d) => d.score),
      [0.9, 0.8],
    );
  });

  it('does not reorder or change its input', () => {
    const input = [otherPerson, person];
    nonMaxSuppression(input, options);
    assert.deepEqual(input, [otherPerson, person]);
  });
});
