// What an object detector is to the image and screen pipelines: pixels in, labelled boxes out, the
// score threshold and non-maximum suppression already applied.
import type { Box } from './boxes.ts';
import type { RgbImage } from './rgb-image.ts';

export interface DetectedObject {
  /** A COCO class name: person, cup, motorcycle, ... */
  label: string;
  /** 0–1 */
  score: number;
  /** In the pixels of the image given. */
  box: Box;
}

export interface ObjectDetector {
  /** Names the model and its weights, for the results' provenance. */
  readonly model: string;
  detectObjects(image: RgbImage): Promise<DetectedObject[]>;
}
