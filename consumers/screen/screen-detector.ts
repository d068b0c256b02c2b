// Which object detector the screen consumer runs (LIFESTREAM_SCREEN_DETECTOR): the image pipeline's
// CenterNet COCO-80 by default, or an Ultralytics YOLO ONNX export named by models/manifest.json or by
// path. Resolved and checked once at start, so a wrong setting stops the start; loaded in each
// worker thread on its first frame.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { findModel, loadManifest } from '../../models/manifest.ts';
import type { SuppressionOptions } from '../images/non-max-suppression.ts';
import type { ObjectDetector } from '../images/object-detector.ts';
import { readOnnxModelInfo } from './onnx-model-info.ts';
import { ultralyticsExport, yoloDetector } from './ultralytics-yolo.ts';

export const defaultScreenDetector = 'centernet';

export type ScreenDetector = { kind: 'centernet' } | { kind: 'ultralytics'; path: string; classNames: string[]; sizePx: number; model: string };

/** A setting naming a file rather than a model of the manifest. */
const isPath = (setting: string) => setting.includes('/') || setting.endsWith('.onnx');

function onnxFileOf(name: string, modelsDir: string): string {
  const models = loadManifest();
  const exports = models.filter((model) => model.ultralyticsExport).map((model) => model.name);
  if (!models.some((model) => model.name === name)) {
    throw new Error(`LIFESTREAM_SCREEN_DETECTOR is "${name}", which is neither ${defaultScreenDetector} nor a model of models/manifest.json (${exports.join(', ')}) nor the path of an .onnx file`);
  }
  const model = findModel(name, models);
  const onnx = model.files[0];
  if (!model.ultralyticsExport || !onnx) throw new Error(`LIFESTREAM_SCREEN_DETECTOR is "${name}", a model of models/manifest.json that is no Ultralytics YOLO export: name one such as ${exports.join(', ')}`);
  const path = join(modelsDir, name, onnx.path);
  if (!existsSync(path)) throw new Error(`LIFESTREAM_SCREEN_DETECTOR is "${name}", which is not in ${join(modelsDir, name)}: run \`npm run models -- pull ${name}\` (needs internet), or set it to ${defaultScreenDetector}`);
  return path;
}

/**
 * The detector a LIFESTREAM_SCREEN_DETECTOR setting names, its export checked (class names from its
 * metadata unless classNames are given, input size, output layout). Throws naming the setting and the fix.
 */
export function resolveScreenDetector(setting: string, classNames: readonly string[], modelsDir: string): ScreenDetector {
  if (setting === defaultScreenDetector) return { kind: 'centernet' };
  const path = isPath(setting) ? resolve(setting) : onnxFileOf(setting, modelsDir);
  if (!existsSync(path)) throw new Error(`LIFESTREAM_SCREEN_DETECTOR is "${setting}", and ${path} does not exist: give the path of an Ultralytics YOLO .onnx export`);
  const found = (() => {
    try {
      return ultralyticsExport(readOnnxModelInfo(readFileSync(path)), classNames);
    } catch (error) {
      const classesHint = classNames.length > 0 ? ' (LIFESTREAM_SCREEN_DETECTOR_CLASSES gives its class names)' : '';
      throw new Error(`LIFESTREAM_SCREEN_DETECTOR is "${setting}", and ${path} is not an Ultralytics YOLO detection export this consumer reads${classesHint}: ${(error as Error).message}`);
    }
  })();
  const about = found.description ? `${found.description}, ` : '';
  return {
    kind: 'ultralytics',
    path,
    classNames: found.classNames,
    sizePx: found.sizePx,
    model: `Ultralytics YOLO ${basename(path)} (${about}${found.classNames.length} classes, ${found.sizePx} px)`,
  };
}

/** An Ultralytics export's detector, on onnxruntime-node in the calling thread (imported here, not at start). */
export async function loadYoloDetector(detector: Extract<ScreenDetector, { kind: 'ultralytics' }>, threads: number, suppression: SuppressionOptions): Promise<ObjectDetector> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(detector.path, { intraOpNumThreads: threads });
  return yoloDetector({ session, ort, classNames: detector.classNames, sizePx: detector.sizePx, model: detector.model }, suppression);
}
