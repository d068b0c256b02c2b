// Ultralytics YOLO (v8 and v11 ONNX exports) as an object detector: the image letterboxed into the
// model's square input (scaled to fit, padded with grey 114, as Ultralytics trains), and its output
// [1, 4 + classes, candidates] (cx, cy, w, h in input pixels, then one score per class, no
// objectness) decoded back to the image's pixels and put through our non-maximum suppression.
import type * as Ort from 'onnxruntime-node';
import type { OnnxModelInfo } from './onnx-model-info.ts';
import { nonMaxSuppression, type SuppressionOptions } from '../images/non-max-suppression.ts';
import type { DetectedObject, ObjectDetector } from '../images/object-detector.ts';
import type { RgbImage } from '../images/rgb-image.ts';

export interface Letterbox {
  /** NCHW float32, 0–1, sizePx × sizePx. */
  tensor: Float32Array;
  sizePx: number;
  /** Input pixels per image pixel. */
  scale: number;
  padX: number;
  padY: number;
}

const padLevel = 114 / 255;

export function letterbox(image: RgbImage, sizePx: number): Letterbox {
  const scale = Math.min(sizePx / image.width, sizePx / image.height);
  const width = Math.round(image.width * scale);
  const height = Math.round(image.height * scale);
  const padX = Math.floor((sizePx - width) / 2);
  const padY = Math.floor((sizePx - height) / 2);
  const plane = sizePx * sizePx;
  const tensor = new Float32Array(3 * plane).fill(padLevel);
  for (let y = 0; y < height; y++) {
    // Nearest neighbour: the models see screens and photos at far larger sizes than the gaps it leaves.
    const sourceRow = Math.min(image.height - 1, Math.floor(y / scale)) * image.width;
    for (let x = 0; x < width; x++) {
      const source = (sourceRow + Math.min(image.width - 1, Math.floor(x / scale))) * 3;
      const target = (y + padY) * sizePx + x + padX;
      tensor[target] = image.data[source]! / 255;
      tensor[plane + target] = image.data[source + 1]! / 255;
      tensor[2 * plane + target] = image.data[source + 2]! / 255;
    }
  }
  return { tensor, sizePx, scale, padX, padY };
}

/**
 * The candidates of an output laid out [1, 4 + classNames.length, count], in pixels of the
 * width × height image that was letterboxed, each with its best class; those under minScore are left out.
 */
export function decodeYoloOutput(output: Float32Array, dims: readonly number[], classNames: readonly string[], box: Letterbox, image: { width: number; height: number }, minScore: number): DetectedObject[] {
  const [batch, rows, count] = dims;
  if (dims.length !== 3 || batch !== 1 || rows !== 4 + classNames.length || count === undefined) {
    throw new Error(`the YOLO output is [${dims.join(', ')}], expected [1, ${4 + classNames.length}, candidates] for ${classNames.length} classes: is this an Ultralytics v8/v11 detection export with these class names?`);
  }
  const at = (row: number, candidate: number) => output[row * count + candidate]!;
  const found: DetectedObject[] = [];
  for (let candidate = 0; candidate < count; candidate++) {
    let best = 0;
    for (let c = 1; c < classNames.length; c++) if (at(4 + c, candidate) > at(4 + best, candidate)) best = c;
    const score = at(4 + best, candidate);
    if (score < minScore) continue;
    const cx = (at(0, candidate) - box.padX) / box.scale;
    const cy = (at(1, candidate) - box.padY) / box.scale;
    const w = at(2, candidate) / box.scale;
    const h = at(3, candidate) / box.scale;
    const left = Math.max(0, cx - w / 2);
    const top = Math.max(0, cy - h / 2);
    const right = Math.min(image.width, cx + w / 2);
    const bottom = Math.min(image.height, cy + h / 2);
    if (right <= left || bottom <= top) continue;
    found.push({ label: classNames[best]!, score, box: { x: left, y: top, width: right - left, height: bottom - top } });
  }
  return found;
}

/** Class names as Ultralytics writes them into an export's metadata: "{0: 'person', 1: 'bicycle'}". */
export function classNamesFromMetadata(names: string): string[] {
  const entries = [...names.matchAll(/(\d+):\s*'((?:[^'\\]|\\.)*)'/g)].map(([, index, name]) => [Number(index), name!] as const);
  if (entries.length === 0) throw new Error(`the model's "names" metadata (${names.slice(0, 80)}) lists no classes: export it with Ultralytics (yolo export format=onnx)`);
  return entries.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

/** Ultralytics' default input side, for an export whose input size is neither fixed nor in its metadata. */
export const defaultYoloInputPx = 640;

export interface UltralyticsExport {
  classNames: string[];
  /** Side of the square input the image is letterboxed into. */
  sizePx: number;
  /** The export's own description ("Ultralytics YOLO11n model trained on coco.yaml"), when it has one. */
  description?: string;
}

const shown = (shape: readonly (number | string)[]) => `[${shape.join(', ')}]`;

/**
 * What a detector needs of an Ultralytics v8/v11 detection export, checked against its graph: the
 * class names (given, or from its metadata), the input side (fixed in the graph, or the metadata's
 * imgsz, or 640), and an output of [1, 4 + classes, candidates]. Throws saying what is wrong.
 */
export function ultralyticsExport(info: OnnxModelInfo, givenClassNames: readonly string[] = []): UltralyticsExport {
  const { metadata } = info;
  if (metadata.task !== undefined && metadata.task !== 'detect') throw new Error(`it is an Ultralytics ${metadata.task} model; only detection exports (task detect) are read`);
  const classNames = givenClassNames.length > 0 ? [...givenClassNames] : metadata.names !== undefined ? classNamesFromMetadata(metadata.names) : undefined;
  if (!classNames) throw new Error('its metadata has no class names (Ultralytics writes them as "names"): export it with Ultralytics, or give the names');
  const input = info.inputs[0];
  if (!input || input.shape.length !== 4 || (typeof input.shape[1] === 'number' && input.shape[1] !== 3)) {
    throw new Error(`its input is ${input ? shown(input.shape) : 'missing'}, expected [batch, 3, height, width]`);
  }
  const [, , height, width] = input.shape;
  let sizePx = defaultYoloInputPx;
  if (typeof height === 'number' && typeof width === 'number') {
    if (height !== width) throw new Error(`its input is ${shown(input.shape)}, not square: export it with one imgsz (such as 640)`);
    sizePx = height;
  } else if (metadata.imgsz !== undefined) {
    const sides = [...metadata.imgsz.matchAll(/\d+/g)].map(Number);
    if (sides.length !== 2 || sides[0] !== sides[1]) throw new Error(`its metadata's imgsz is ${metadata.imgsz}, not square: export it with one imgsz (such as 640)`);
    sizePx = sides[0]!;
  }
  const output = info.outputs[0];
  const rows = 4 + classNames.length;
  if (!output || output.shape.length !== 3 || (typeof output.shape[1] === 'number' && output.shape[1] !== rows)) {
    throw new Error(
      `its output is ${output ? shown(output.shape) : 'missing'}, expected [1, ${rows}, candidates] for ${classNames.length} classes: export a detection model without NMS (nms=False), with as many class names as it has classes`,
    );
  }
  return { classNames, sizePx, ...(metadata.description ? { description: metadata.description } : {}) };
}

export interface YoloSession {
  session: Ort.InferenceSession;
  ort: typeof Ort;
  classNames: readonly string[];
  /** Side of the square input, from the model's input shape. */
  sizePx: number;
  model: string;
}

export function yoloDetector({ session, ort, classNames, sizePx, model }: YoloSession, suppression: SuppressionOptions): ObjectDetector {
  return {
    model,
    async detectObjects(image) {
      const box = letterbox(image, sizePx);
      const input = new ort.Tensor('float32', box.tensor, [1, 3, sizePx, sizePx]);
      const outputs = await session.run({ [session.inputNames[0]!]: input });
      const output = outputs[session.outputNames[0]!];
      if (!output || !(output.data instanceof Float32Array)) throw new Error(`${model} gave no float32 output`);
      return nonMaxSuppression(decodeYoloOutput(output.data, output.dims, classNames, box, image, suppression.minScore), suppression);
    },
  };
}
