// How Moondream's ONNX release looks at an image (the `moondream` PyPI client's preprocess.py and
// onnx_vl.py, up to 0.0.6): the whole image squeezed to one 378-px crop, plus, for an image 530 px
// or more on its longest side, 2 or 4 local crops on the grid (1×2, 2×1 or 2×2) nearest its aspect
// ratio; each crop normalised to -1..1, channels first. After the vision encoder, the local crops'
// patch embeddings are stitched into one grid, average-pooled back to 27×27 and set beside the
// global crop's.
import sharp from 'sharp';
import type { RgbImage } from './rgb-image.ts';

export const cropSidePx = 378;
const smallImageFactor = 1.4;

/** Rows and columns of local crops; 1×1 means none (the global crop stands in for them). */
export interface CropGrid {
  rows: number;
  columns: number;
}

const grids: readonly CropGrid[] = [
  { rows: 1, columns: 2 },
  { rows: 2, columns: 1 },
  { rows: 2, columns: 2 },
];

/** The grid the release picks for an image of this size: the first whose columns/rows is nearest its aspect ratio. */
export function cropGrid(width: number, height: number): CropGrid {
  if (Math.max(width, height) < cropSidePx * smallImageFactor) return { rows: 1, columns: 1 };
  const aspect = width / height;
  let best = grids[0]!;
  for (const grid of grids) if (Math.abs(grid.columns / grid.rows - aspect) < Math.abs(best.columns / best.rows - aspect)) best = grid;
  return best;
}

/** 378×378 RGB of a region of the image, bicubic, its aspect ratio not kept (as the release resizes). */
async function cropPixels(image: RgbImage, region: { left: number; top: number; width: number; height: number }): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract(region)
    .resize(cropSidePx, cropSidePx, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
}

export interface Crops {
  grid: CropGrid;
  /** Crops × 3 × 378 × 378, the global crop first, each channel's values (v / 255 - 0.5) / 0.5. */
  pixels: Float32Array;
  count: number;
}

/** The crops the vision encoder takes, normalised and channels first. */
export async function moondreamCrops(image: RgbImage): Promise<Crops> {
  const grid = cropGrid(image.width, image.height);
  const regions = [{ left: 0, top: 0, width: image.width, height: image.height }];
  if (grid.rows * grid.columns > 1) {
    const width = Math.floor(image.width / grid.columns);
    const height = Math.floor(image.height / grid.rows);
    for (let row = 0; row < grid.rows; row++) for (let column = 0; column < grid.columns; column++) regions.push({ left: column * width, top: row * height, width, height });
  }
  const plane = cropSidePx * cropSidePx;
  const pixels = new Float32Array(regions.length * 3 * plane);
  for (const [index, region] of regions.entries()) {
    const rgb = await cropPixels(image, region);
    const base = index * 3 * plane;
    for (let p = 0; p < plane; p++) {
      for (let channel = 0; channel < 3; channel++) pixels[base + channel * plane + p] = (rgb[p * 3 + channel]! / 255 - 0.5) / 0.5;
    }
  }
  return { grid, pixels, count: regions.length };
}

/**
 * Averages a height × width × channels grid down to outHeight × outWidth, as PyTorch's
 * adaptive_avg_pool2d does when the sizes divide (the release's own numpy version of it).
 */
export function adaptiveAveragePool(values: Float32Array, height: number, width: number, channels: number, outHeight: number, outWidth: number): Float32Array {
  const strideY = Math.floor(height / outHeight);
  const strideX = Math.floor(width / outWidth);
  const kernelY = height - (outHeight - 1) * strideY;
  const kernelX = width - (outWidth - 1) * strideX;
  const out = new Float32Array(outHeight * outWidth * channels);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      for (let dy = 0; dy < kernelY; dy++) {
        for (let dx = 0; dx < kernelX; dx++) {
          const from = ((y * strideY + dy) * width + x * strideX + dx) * channels;
          const to = (y * outWidth + x) * channels;
          for (let c = 0; c < channels; c++) out[to + c]! += values[from + c]!;
        }
      }
    }
  }
  const cells = kernelY * kernelX;
  for (let i = 0; i < out.length; i++) out[i]! /= cells;
  return out;
}

/**
 * The vision projection's input from the encoder's output (crops × patches × channels, the global
 * crop first): each patch's global features, then its local ones (the stitched, pooled local crops;
 * the global crop's again when there are none), so patches × 2·channels.
 *
 * The release's client stitches crops 0..n-1 of the encoder output, the global one among them and
 * the last local one left out; Moondream's own model code stitches the local crops 1..n, which is
 * what this does (see docs/images.md).
 */
export function imageFeatures(encoded: Float32Array, grid: CropGrid, patches: number, channels: number): Float32Array {
  const side = Math.round(Math.sqrt(patches));
  if (side * side !== patches) throw new Error(`the vision encoder gave ${patches} patches a crop, not a square number`);
  const global = encoded.subarray(0, patches * channels);
  let local: Float32Array = global;
  if (grid.rows * grid.columns > 1) {
    const gridHeight = grid.rows * side;
    const gridWidth = grid.columns * side;
    const stitched = new Float32Array(gridHeight * gridWidth * channels);
    for (let row = 0; row < grid.rows; row++) {
      for (let column = 0; column < grid.columns; column++) {
        const crop = encoded.subarray((1 + row * grid.columns + column) * patches * channels);
        for (let y = 0; y < side; y++) {
          const to = ((row * side + y) * gridWidth + column * side) * channels;
          stitched.set(crop.subarray(y * side * channels, (y + 1) * side * channels), to);
        }
      }
    }
    local = adaptiveAveragePool(stitched, gridHeight, gridWidth, channels, side, side);
  }
  const features = new Float32Array(patches * 2 * channels);
  for (let p = 0; p < patches; p++) {
    features.set(global.subarray(p * channels, (p + 1) * channels), p * 2 * channels);
    features.set(local.subarray(p * channels, (p + 1) * channels), p * 2 * channels + channels);
  }
  return features;
}
