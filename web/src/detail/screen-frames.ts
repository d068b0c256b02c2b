// The frames of a screen session as the player shows them: each frame's findings in the form the
// image overlay draws (objects and moving regions labelled with their track ids, the text lines),
// and the first frame whose text holds a searched word. Pure functions.
import type { Findings } from './analysed-image.tsx';
import { objectBoxesOf, type Box } from './image-findings.ts';

export interface ScreenFrame {
  frameIndex: number;
  time: string;
  widthPx: number;
  heightPx: number;
  detections: unknown;
  movingRegions?: unknown;
  textLines?: unknown;
  ocrText?: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const boxesWithTracks = (value: unknown, label: (item: Record<string, unknown>) => string, score: (item: Record<string, unknown>) => number): { label: string; score: number; box: Box }[] =>
  Array.isArray(value)
    ? value.flatMap((item: unknown) => {
        if (!isRecord(item)) return [];
        const [read] = objectBoxesOf([{ label: 'box', score: 0, box: item.box }]);
        const trackId = typeof item.trackId === 'number' ? ` #${item.trackId}` : '';
        return read ? [{ label: `${label(item)}${trackId}`, score: score(item), box: read.box }] : [];
      })
    : [];

/** What the overlay draws for a frame: objects and moving regions as boxes named with their track ids, and the text. */
export function frameFindings(frame: ScreenFrame): Findings {
  const objects = boxesWithTracks(frame.detections, (item) => (typeof item.label === 'string' ? item.label : 'object'), (item) => (typeof item.confidence === 'number' ? item.confidence : 0));
  const moving = boxesWithTracks(frame.movingRegions, () => 'moving', () => 1);
  return { widthPx: frame.widthPx, heightPx: frame.heightPx, objectBoxes: [...objects, ...moving], textLines: frame.textLines, faces: [] };
}

/** The position of the first frame whose text holds every word searched (case-insensitive), or -1. */
export function firstFrameMatching(frames: readonly ScreenFrame[], search: string): number {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return -1;
  return frames.findIndex((frame) => {
    const text = (frame.ocrText ?? '').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
