import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptiveAveragePool, cropGrid, cropSidePx, imageFeatures, moondreamCrops } from './moondream-crops.ts';
import type { RgbImage } from './rgb-image.ts';

const solid = (width: number, height: number, rgb: [number, number, number]): RgbImage => {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height };
};

describe("Moondream's crops", () => {
  it('adds no local crops below 1.4 × 378 px, else picks the grid nearest the aspect ratio', () => {
    assert.deepEqual(cropGrid(529, 300), { rows: 1, columns: 1 });
    assert.deepEqual(cropGrid(529, 529), { rows: 1, columns: 1 });
    assert.deepEqual(cropGrid(530, 265), { rows: 1, columns: 2 });
    assert.deepEqual(cropGrid(600, 1200), { rows: 2, columns: 1 });
    assert.deepEqual(cropGrid(1000, 1000), { rows: 2, columns: 2 });
    assert.deepEqual(cropGrid(4000, 1000), { rows: 1, columns: 2 });
    // Equally near 1×2 (2) and 2×2 (1) at 1.5: the first of the release's list wins.
    assert.deepEqual(cropGrid(900, 600), { rows: 1, columns: 2 });
  });

  it('gives the global crop and the local ones, 378 px, channels first, scaled to -1..1', async () => {
    const small = await moondreamCrops(solid(48, 32, [255, 0, 51]));
    assert.equal(small.count, 1);
    assert.equal(small.pixels.length, 3 * cropSidePx * cropSidePx);
    const plane = cropSidePx * cropSidePx;
    const channel = (c: number) => small.pixels.subarray(c * plane, (c + 1) * plane);
    assert.ok(channel(0).every((v) => v === 1), 'red: 255 → 1');
    assert.ok(channel(1).every((v) => v === -1), 'green: 0 → -1');
    assert.ok(channel(2).every((v) => Math.abs(v - -0.6) < 1e-6), 'blue: 51 → -0.6');

    // Left half black, right half white: the global crop holds both, the 1×2 local crops one each.
    const wide = solid(800, 400, [0, 0, 0]);
    for (let y = 0; y < 400; y++) wide.data.fill(255, (y * 800 + 400) * 3, (y * 800 + 800) * 3);
    const crops = await moondreamCrops(wide);
    assert.deepEqual(crops.grid, { rows: 1, columns: 2 });
    assert.equal(crops.count, 3);
    const crop = (i: number) => crops.pixels.subarray(i * 3 * plane, (i + 1) * 3 * plane);
    assert.equal(crop(0)[10], -1);
    assert.equal(crop(0)[plane - 10], 1);
    assert.ok(crop(1).every((v) => v === -1), 'the left crop is black');
    assert.ok(crop(2).every((v) => v === 1), 'the right crop is white');
  });

  it('averages blocks as adaptive average pooling does', () => {
    // 4 × 4, one channel, pooled to 2 × 2.
    const values = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    assert.deepEqual([...adaptiveAveragePool(values, 4, 4, 1, 2, 2)], [3.5, 5.5, 11.5, 13.5]);
    // 5 wide to 2: stride 2, kernel 3, the windows overlap at column 2.
    assert.deepEqual([...adaptiveAveragePool(Float32Array.from([0, 3, 6, 9, 12]), 1, 5, 1, 1, 2)], [3, 9]);
  });

  it("sets each patch's global features beside its local ones, stitched from crops 1.. and pooled", () => {
    // Crops of 4 patches (2 × 2) and 1 channel: the global crop's values 100..103, then crop i's all i.
    const patches = 4;
    const global = [100, 101, 102, 103];
    const alone = imageFeatures(Float32Array.from(global), { rows: 1, columns: 1 }, patches, 1);
    assert.deepEqual([...alone], [100, 100, 101, 101, 102, 102, 103, 103]);
    const grid = { rows: 2, columns: 2 };
    const encoded = Float32Array.from([...global, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
    // Stitched 4 × 4 as [[1, 2], [3, 4]] crop by crop, pooled back to 2 × 2: each crop's own value.
    assert.deepEqual([...imageFeatures(encoded, grid, patches, 1)], [100, 1, 101, 2, 102, 3, 103, 4]);
    assert.throws(() => imageFeatures(new Float32Array(3), { rows: 1, columns: 1 }, 3, 1), /the vision encoder gave 3 patches a crop, not a square number/);
  });
});
