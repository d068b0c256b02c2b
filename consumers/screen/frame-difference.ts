// What changed between two frames of a session, from their small grey copies: the share of pixels
// that differ clearly, the box around them, and whether it is another scene altogether. This
// decides what costs anything: an unchanged frame is neither detected, flowed nor read again.
import type { Box } from '../images/boxes.ts';

/** An 8-bit grey copy of a frame, row by row. */
export interface GrayFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface ChangeOptions {
  /** A pixel whose grey level moved by more than this changed (anti-aliasing and compression stay under it). */
  pixelThreshold: number;
  /** Fewer changed pixels than this is no change (a blinking caret). */
  minChangedPixels: number;
  /** A frame this much changed (0–1) is a scene cut. */
  sceneCutFraction: number;
}

export const defaultChangeOptions: ChangeOptions = { pixelThreshold: 24, minChangedPixels: 12, sceneCutFraction: 0.5 };

export interface FrameChange {
  changed: boolean;
  /** 0–1 of the frame's pixels. */
  changedFraction: number;
  /** Around every changed pixel, in the grey frame's pixels; absent when nothing changed. */
  changedBox?: Box;
  sceneCut: boolean;
}

export function frameChange(previous: GrayFrame, current: GrayFrame, options: ChangeOptions = defaultChangeOptions): FrameChange {
  if (previous.width !== current.width || previous.height !== current.height) return { changed: true, changedFraction: 1, changedBox: { x: 0, y: 0, width: current.width, height: current.height }, sceneCut: true };
  let count = 0;
  let left = current.width;
  let top = current.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < current.height; y++) {
    const row = y * current.width;
    for (let x = 0; x < current.width; x++) {
      if (Math.abs(current.data[row + x]! - previous.data[row + x]!) <= options.pixelThreshold) continue;
      count++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  const changedFraction = count / (current.width * current.height);
  if (count < options.minChangedPixels) return { changed: false, changedFraction, sceneCut: false };
  return { changed: true, changedFraction, changedBox: { x: left, y: top, width: right - left + 1, height: bottom - top + 1 }, sceneCut: changedFraction >= options.sceneCutFraction };
}
