// The object detector on real COCO weights: CenterNet (MobileNetV3, 80 classes) as Human bundles it,
// its raw candidates put through our score threshold and per-label non-maximum suppression.
import type { ObjectResult } from '@vladmandic/human';
import type { LoadedHuman } from './human.ts';
import { nonMaxSuppression, type SuppressionOptions } from './non-max-suppression.ts';
import type { DetectedObject, ObjectDetector } from './object-detector.ts';
import type { RgbImage } from './rgb-image.ts';

export const defaultObjectSuppression: SuppressionOptions = { minScore: 0.3, iouThreshold: 0.5, perLabel: true, maxDetections: 20 };

/** Human's candidates in pixels of a width × height image, from its normalised boxes. */
export function candidatesFromHuman(objects: readonly ObjectResult[], width: number, height: number): DetectedObject[] {
  return objects.map(({ label, score, boxRaw: [x, y, w, h] }) => ({ label, score, box: { x: x * width, y: y * height, width: w * width, height: h * height } }));
}

export function centernetDetector(human: LoadedHuman, suppression: SuppressionOptions = defaultObjectSuppression): ObjectDetector {
  return {
    model: `CenterNet COCO-80 (@vladmandic/human ${human.version})`,
    async detectObjects(image: RgbImage) {
      const { object } = await human.detect(image, 'objects');
      return nonMaxSuppression(candidatesFromHuman(object, image.width, image.height), suppression);
    },
  };
}
