// What an imageAnalysis found, read from its JSON fields (text lines, object boxes, faces with gaze),
// and the geometry to draw it over the image as shown: boxes scaled from the image's pixels to the
// drawn size, a face's gaze as an arrow, the text lines a search matched. Pure functions.
import type { ImageFace, ImageObjectBox, ImageTextLine, PixelBox } from '../../../schema/kinds/processed.ts';

export type Box = PixelBox;
export type TextLine = ImageTextLine;
export type ObjectBox = ImageObjectBox;
export type Face = ImageFace;

export interface Size {
  width: number;
  height: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const boxOf = (value: unknown): Box | undefined =>
  isRecord(value) && isNumber(value.x) && isNumber(value.y) && isNumber(value.width) && isNumber(value.height) ? { x: value.x, y: value.y, width: value.width, height: value.height } : undefined;
/** The items of a JSON list that read as T; anything else (an older or broken result) is left out. */
const listOf = <T>(value: unknown, read: (item: Record<string, unknown>, box: Box) => T | undefined): T[] =>
  Array.isArray(value) ? value.flatMap((item) => (isRecord(item) && boxOf(item.box) ? (read(item, boxOf(item.box)!) ?? []) : [])) : [];

export const textLinesOf = (value: unknown): TextLine[] =>
  listOf(value, (item, box) => (typeof item.text === 'string' ? { text: item.text, confidence: isNumber(item.confidence) ? item.confidence : 0, box } : undefined));

export const objectBoxesOf = (value: unknown): ObjectBox[] =>
  listOf(value, (item, box) => (typeof item.label === 'string' ? { label: item.label, score: isNumber(item.score) ? item.score : 0, box } : undefined));

export const facesOf = (value: unknown): Face[] =>
  listOf(value, (item, box) => {
    const face: Face = { box, score: isNumber(item.score) ? item.score : 0 };
    if (isNumber(item.ageYears)) face.ageYears = item.ageYears;
    if (isRecord(item.emotion) && typeof item.emotion.label === 'string' && isNumber(item.emotion.score)) face.emotion = { label: item.emotion.label, score: item.emotion.score };
    if (isRecord(item.gaze) && isNumber(item.gaze.bearingRad) && isNumber(item.gaze.strength)) face.gaze = { bearingRad: item.gaze.bearingRad, strength: item.gaze.strength };
    return face;
  });

/** A box in the image's pixels as drawn on an image shown at `shown` size. */
export function scaleBox(box: Box, image: Size, shown: Size): Box {
  const [sx, sy] = [shown.width / image.width, shown.height / image.height];
  return { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy };
}

/**
 * The gaze as an arrow from the centre of the face's (drawn) box, drawn as Human (the face model)
 * draws it: sideways by sin(bearing) × strength × the box's height, down by cos(bearing) × strength ×
 * its width. Strength 0 looks at the camera, a dot.
 */
export function gazeArrow(box: Box, gaze: { bearingRad: number; strength: number }): { x1: number; y1: number; x2: number; y2: number } {
  const [x1, y1] = [box.x + box.width / 2, box.y + box.height / 2];
  return { x1, y1, x2: x1 + Math.sin(gaze.bearingRad) * gaze.strength * box.height, y2: y1 + Math.cos(gaze.bearingRad) * gaze.strength * box.width };
}

/** The indexes of the lines holding any word of a search (case-insensitive), to highlight them. */
export function linesMatching(lines: readonly TextLine[], search: string): number[] {
  const words = search
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (!words.length) return [];
  return lines.flatMap((line, i) => (words.some((w) => line.text.toLowerCase().includes(w)) ? [i] : []));
}
