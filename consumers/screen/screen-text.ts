// The text on screen across frames: when only part of a frame changed, only that part is read
// again; lines outside it are carried from the frame before, lines inside it replaced.
import { intersectionOverUnion, type Box } from '../images/boxes.ts';
import type { TextLine } from '../images/text-recognizer.ts';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Lines top to bottom, then left to right. */
const readingOrder = (a: TextLine, b: TextLine) => a.box.y - b.box.y || a.box.x - b.box.x;

export function mergeTextLines(previous: readonly TextLine[], changedBox: Box, fresh: readonly TextLine[]): TextLine[] {
  const carried = previous.filter((line) => !overlaps(line.box, changedBox));
  // A line read again that the crop's edge cut is kept whole from before rather than twice.
  const read = fresh.filter((line) => !carried.some((old) => intersectionOverUnion(old.box, line.box) > 0.5));
  return [...carried, ...read].sort(readingOrder);
}

export const joinedText = (lines: readonly TextLine[]) => lines.map((line) => line.text).join('\n');
