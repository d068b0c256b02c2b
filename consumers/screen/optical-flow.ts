// Motion between two grey frames of a session: dense optical flow (OpenCV's Farneback), its mean
// magnitude, and the regions that moved, each with its own mean motion. The regions come from a
// coarse grid of cells whose flow exceeds a threshold, joined where they touch (pure, below).
import type { Box } from '../images/boxes.ts';
import type { GrayFrame } from './frame-difference.ts';
import type { OpenCv } from './opencv.ts';

/** Per pixel of the first frame, where it went in the second: dx, dy interleaved. */
export interface FlowField {
  width: number;
  height: number;
  vectors: Float32Array;
}

export interface MovingRegion {
  box: Box;
  dxPx: number;
  dyPx: number;
}

export interface Motion {
  /** Mean flow magnitude over the whole frame. */
  meanFlowPx: number;
  regions: MovingRegion[];
}

export interface RegionOptions {
  /** Side of a grid cell in pixels of the flow. */
  cellPx: number;
  /** A cell whose mean flow is at least this many pixels moved. */
  minCellFlowPx: number;
  /** Regions of fewer cells are noise. */
  minCells: number;
}

export const defaultRegionOptions: RegionOptions = { cellPx: 4, minCellFlowPx: 1, minCells: 4 };

export function denseFlow(cv: OpenCv, previous: GrayFrame, current: GrayFrame): FlowField {
  const from = cv.matFromArray(previous.height, previous.width, cv.CV_8UC1, previous.data);
  const to = cv.matFromArray(current.height, current.width, cv.CV_8UC1, current.data);
  const flow = new cv.Mat();
  try {
    // Three pyramid levels at half scale follow motion of up to about 20 pixels of the grey frame.
    cv.calcOpticalFlowFarneback(from, to, flow, 0.5, 3, 15, 3, 5, 1.2, 0);
    return { width: current.width, height: current.height, vectors: new Float32Array(flow.data32F) };
  } finally {
    from.delete();
    to.delete();
    flow.delete();
  }
}

/** The motion in a flow field, in pixels of a frame `scale` times as large. */
export function motionOf(flow: FlowField, scale: number, options: RegionOptions = defaultRegionOptions): Motion {
  const { width, height, vectors } = flow;
  let magnitudeSum = 0;
  for (let i = 0; i < width * height; i++) magnitudeSum += Math.hypot(vectors[2 * i]!, vectors[2 * i + 1]!);
  const columns = Math.ceil(width / options.cellPx);
  const rows = Math.ceil(height / options.cellPx);
  const cellDx = new Float64Array(columns * rows);
  const cellDy = new Float64Array(columns * rows);
  const cellCount = new Float64Array(columns * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = Math.floor(y / options.cellPx) * columns + Math.floor(x / options.cellPx);
      const i = y * width + x;
      cellDx[cell]! += vectors[2 * i]!;
      cellDy[cell]! += vectors[2 * i + 1]!;
      cellCount[cell]! += 1;
    }
  }
  const moving = new Uint8Array(columns * rows);
  for (let cell = 0; cell < moving.length; cell++) moving[cell] = Math.hypot(cellDx[cell]! / cellCount[cell]!, cellDy[cell]! / cellCount[cell]!) >= options.minCellFlowPx ? 1 : 0;
  const seen = new Uint8Array(columns * rows);
  const regions: MovingRegion[] = [];
  for (let start = 0; start < moving.length; start++) {
    if (!moving[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let cells = 0;
    let left = columns;
    let top = rows;
    let right = 0;
    let bottom = 0;
    let dx = 0;
    let dy = 0;
    let pixels = 0;
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const cx = cell % columns;
      const cy = Math.floor(cell / columns);
      cells++;
      left = Math.min(left, cx);
      right = Math.max(right, cx);
      top = Math.min(top, cy);
      bottom = Math.max(bottom, cy);
      dx += cellDx[cell]!;
      dy += cellDy[cell]!;
      pixels += cellCount[cell]!;
      for (const [nx, ny] of [[cx - 1, cy], [cx + 1, cy], [cx, cy - 1], [cx, cy + 1]] as const) {
        if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
        const next = ny * columns + nx;
        if (moving[next] && !seen[next]) {
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    if (cells < options.minCells) continue;
    const x = left * options.cellPx;
    const y = top * options.cellPx;
    const box = { x: x * scale, y: y * scale, width: (Math.min(width, (right + 1) * options.cellPx) - x) * scale, height: (Math.min(height, (bottom + 1) * options.cellPx) - y) * scale };
    regions.push({ box, dxPx: (dx / pixels) * scale, dyPx: (dy / pixels) * scale });
  }
  regions.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  return { meanFlowPx: (magnitudeSum / (width * height)) * scale, regions };
}
