// Axis-aligned boxes in pixels of the image as it is seen (after its EXIF orientation), origin at the
// top-left corner, and what detectors and text lines need of them: overlap, scaling and clamping.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Intersection over union: 0 for boxes apart, 1 for the same box. */
export function intersectionOverUnion(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}

/** The smallest box around the points, as [x, y] pairs. */
export function boxAround(points: readonly (readonly number[])[]): Box {
  const xs = points.map((point) => point[0] ?? 0);
  const ys = points.map((point) => point[1] ?? 0);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/**
 * The box in pixels of an image `factor` times as large, cut to the part inside width × height, and
 * rounded to a tenth of a pixel (the models' own precision is coarser).
 */
export function scaleBox(box: Box, factor: number, width: number, height: number): Box {
  const left = Math.max(0, Math.min(width, box.x * factor));
  const top = Math.max(0, Math.min(height, box.y * factor));
  const right = Math.max(left, Math.min(width, (box.x + box.width) * factor));
  const bottom = Math.max(top, Math.min(height, (box.y + box.height) * factor));
  const tenth = (n: number) => Math.round(n * 10) / 10;
  return { x: tenth(left), y: tenth(top), width: tenth(right - left), height: tenth(bottom - top) };
}
