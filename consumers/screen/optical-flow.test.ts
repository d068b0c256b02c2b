import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GrayFrame } from './frame-difference.ts';
import { loadOpenCv } from './opencv.ts';
import { denseFlow, motionOf, type FlowField } from './optical-flow.ts';

const width = 160;
const height = 120;
/** A textured window of 50 × 40 at left, top on a plain background. */
const windowAt = (left: number, top: number): GrayFrame => {
  const data = new Uint8Array(width * height).fill(210);
  for (let y = top; y < top + 40; y++) for (let x = left; x < left + 50; x++) data[y * width + x] = 30 + (((x - left) * 7 + (y - top) * 13) % 50) * 3;
  return { width, height, data };
};

describe('optical flow', () => {
  it('finds one region moving right by the shift, within 2 pixels, its box around the window, scaled to the frame', async () => {
    const cv = await loadOpenCv();
    const motion = motionOf(denseFlow(cv, windowAt(40, 30), windowAt(46, 30)), 4);
    assert.equal(motion.regions.length, 1, JSON.stringify(motion.regions));
    const [region] = motion.regions;
    assert.ok(Math.abs(region!.dxPx - 24) < 2, `dx ${region!.dxPx}, expected 24 ± 2 (6 px of the grey frame × 4)`);
    assert.ok(Math.abs(region!.dyPx) < 2, `dy ${region!.dyPx}`);
    // The window was at 160–360 × 120–280 in the frame's pixels; the flow's smoothing widens the region a little.
    const { x, y, width: w, height: h } = region!.box;
    assert.ok(x <= 160 && x + w >= 360 && y <= 120 && y + h >= 280 && w < 320 && h < 260, JSON.stringify(region!.box));
    assert.ok(motion.meanFlowPx > 0);
  });

  it('finds nothing moving between identical frames', async () => {
    const cv = await loadOpenCv();
    const motion = motionOf(denseFlow(cv, windowAt(40, 30), windowAt(40, 30)), 1);
    assert.deepEqual(motion, { meanFlowPx: 0, regions: [] });
  });

  it('joins touching moving cells into regions and drops specks', () => {
    const vectors = new Float32Array(16 * 8 * 2);
    const move = (x: number, y: number, dx: number, dy: number) => ((vectors[2 * (y * 16 + x)] = dx), (vectors[2 * (y * 16 + x) + 1] = dy));
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) move(x, y, 0, -3);
    move(12, 6, 5, 5);
    const field: FlowField = { width: 16, height: 8, vectors };
    const { regions } = motionOf(field, 2, { cellPx: 1, minCellFlowPx: 1, minCells: 2 });
    assert.deepEqual(regions, [{ box: { x: 0, y: 0, width: 8, height: 8 }, dxPx: 0, dyPx: -6 }]);
  });
});
