// One keyframe's analysis, in whichever thread calls it (frame-analyzer.ts runs it in worker
// threads): decode, a grey copy compared with the session's previous frame, and only where it
// changed: optical flow (not across a scene cut), objects, and OCR of the changed part. An
// unchanged frame costs its decoding and one comparison. Every box is in pixels of the frame as seen.
import sharp from 'sharp';
import type { ImageModels } from '../images/analyze-image.ts';
import { scaleBox, type Box } from '../images/boxes.ts';
import { decodeImage, type DecodeOptions } from '../images/decode-image.ts';
import type { DetectedObject } from '../images/object-detector.ts';
import type { RgbImage } from '../images/rgb-image.ts';
import type { TextLine } from '../images/text-recognizer.ts';
import { frameChange, type GrayFrame } from './frame-difference.ts';
import { loadOpenCv } from './opencv.ts';
import { denseFlow, motionOf, type Motion } from './optical-flow.ts';
import { mergeTextLines } from './screen-text.ts';

export const flowModel = 'Farneback optical flow (OpenCV 4.9 WebAssembly, @techstark/opencv-js)';

/** Width of the grey copy frames are compared and flowed on: a 1280-wide screen is seen at a quarter. */
export const grayWidthPx = 320;
/** The OCR's detector needs some room around the changed part, and at least this much of it. */
const cropMarginPx = 12;
const cropMinSidePx = 48;

export type OcrRun = 'FULL' | 'CHANGED_REGION' | 'SKIPPED';

export interface FrameJob {
  bytes: Uint8Array;
  declaredType?: string;
  decode: DecodeOptions;
  /** The grey copy of the session's previous analysed frame; absent for its first. */
  previous?: GrayFrame;
  /** The text on screen in the previous analysed frame. */
  previousLines: TextLine[];
}

export interface FrameAnalysis {
  /** The frame as seen. */
  width: number;
  height: number;
  gray: GrayFrame;
  changed: boolean;
  changedFraction: number;
  sceneCut: boolean;
  /** Present when the frame changed and is no scene cut. */
  motion?: Motion;
  /** Present when the frame changed; an unchanged frame shows what the previous one did. */
  objects?: DetectedObject[];
  ocr: OcrRun;
  textLines: TextLine[];
  models: { objects?: string; text?: string; flow?: string };
  timingsMs: { decode: number; compare: number; flow?: number; objects?: number; ocr?: number; total: number };
}

async function grayCopy(pixels: RgbImage): Promise<GrayFrame> {
  const { data, info } = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .resize({ width: Math.min(grayWidthPx, pixels.width) })
    .greyscale()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  // Raw output has as many channels as libvips kept: the first is the grey level.
  const channels = info.channels;
  const gray = new Uint8Array(info.width * info.height);
  for (let i = 0; i < gray.length; i++) gray[i] = data[i * channels]!;
  return { width: info.width, height: info.height, data: gray };
}

/** The part of the pixels inside box (in their own coordinates), grown by a margin and to a minimum size, inside the image. */
export function cropArea(box: Box, width: number, height: number): Box {
  const grow = (start: number, size: number, limit: number) => {
    const wanted = Math.max(size + 2 * cropMarginPx, cropMinSidePx);
    const from = Math.max(0, Math.min(limit - wanted, Math.floor(start - (wanted - size) / 2)));
    return [from, Math.min(limit, from + wanted) - from] as const;
  };
  const [x, w] = grow(box.x, box.width, width);
  const [y, h] = grow(box.y, box.height, height);
  return { x, y, width: w, height: h };
}

export function crop(pixels: RgbImage, area: Box): RgbImage {
  const data = new Uint8Array(area.width * area.height * 3);
  for (let row = 0; row < area.height; row++) {
    const from = ((area.y + row) * pixels.width + area.x) * 3;
    data.set(pixels.data.subarray(from, from + area.width * 3), row * area.width * 3);
  }
  return { data, width: area.width, height: area.height };
}

const elapsed = (since: number) => Math.round(performance.now() - since);

export async function analyzeFrame(job: FrameJob, models: ImageModels): Promise<FrameAnalysis> {
  const started = performance.now();
  const decoded = await decodeImage(job.bytes, job.declaredType, job.decode);
  const { pixels, pixelScale, width, height } = decoded;
  const decodeMs = elapsed(started);
  const comparing = performance.now();
  const gray = await grayCopy(pixels);
  const change = job.previous ? frameChange(job.previous, gray) : { changed: true, changedFraction: 1, changedBox: { x: 0, y: 0, width: gray.width, height: gray.height }, sceneCut: false };
  const analysis: FrameAnalysis = {
    width,
    height,
    gray,
    changed: change.changed,
    changedFraction: Math.round(change.changedFraction * 10_000) / 10_000,
    sceneCut: change.sceneCut,
    ocr: 'SKIPPED',
    textLines: job.previousLines,
    models: {},
    timingsMs: { decode: decodeMs, compare: elapsed(comparing), total: 0 },
  };
  if (!change.changed || !change.changedBox) {
    analysis.timingsMs.total = elapsed(started);
    return analysis;
  }
  const grayToFrame = width / gray.width;
  const asSeen = <T extends { box: Box }>(found: T): T => ({ ...found, box: scaleBox(found.box, pixelScale, width, height) });

  if (job.previous && !change.sceneCut) {
    const flowing = performance.now();
    const motion = motionOf(denseFlow(await loadOpenCv(), job.previous, gray), grayToFrame);
    analysis.motion = { meanFlowPx: Math.round(motion.meanFlowPx * 100) / 100, regions: motion.regions.map((region) => ({ ...region, box: scaleBox(region.box, 1, width, height) })) };
    analysis.models.flow = flowModel;
    analysis.timingsMs.flow = elapsed(flowing);
  }

  const detector = await models.objectDetector();
  const detecting = performance.now();
  analysis.objects = (await detector.detectObjects(pixels)).map(asSeen);
  analysis.models.objects = detector.model;
  analysis.timingsMs.objects = elapsed(detecting);

  const recognizer = await models.textRecognizer();
  const reading = performance.now();
  const whole = !job.previous || change.sceneCut;
  if (whole) {
    analysis.textLines = (await recognizer.recognize(pixels)).lines.map(asSeen);
    analysis.ocr = 'FULL';
  } else {
    // The changed box, from grey pixels to the analysed pixels, then cut out and read alone.
    const toPixels = grayToFrame / pixelScale;
    const changed = change.changedBox;
    const area = cropArea({ x: changed.x * toPixels, y: changed.y * toPixels, width: changed.width * toPixels, height: changed.height * toPixels }, pixels.width, pixels.height);
    const fresh = (await recognizer.recognize(crop(pixels, area))).lines.map((line) => asSeen({ ...line, box: { ...line.box, x: line.box.x + area.x, y: line.box.y + area.y } }));
    analysis.textLines = mergeTextLines(job.previousLines, scaleBox(area, pixelScale, width, height), fresh);
    analysis.ocr = 'CHANGED_REGION';
  }
  analysis.models.text = recognizer.model;
  analysis.timingsMs.ocr = elapsed(reading);
  analysis.timingsMs.total = elapsed(started);
  return analysis;
}
