// Human (@vladmandic/human) on TensorFlow.js' WebAssembly backend, with the models its npm package
// bundles (blazeface, facemesh, iris, emotion, faceres, centernet): faces and COCO objects without
// any download. One instance per thread; each call says which of its models run.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Human, Result, Tensor3D } from '@vladmandic/human';
import { fetchWithFiles } from './file-fetch.ts';
import type { RgbImage } from './rgb-image.ts';

const require = createRequire(import.meta.url);
// The package's "exports" name its WebAssembly build in a form Node ignores, so it is required by path.
const humanDist = dirname(require.resolve('@vladmandic/human'));
export const humanModelsDir = join(humanDist, '..', 'models');
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));

export const humanModels = { faces: ['blazeface', 'facemesh', 'iris', 'emotion', 'faceres'], objects: ['centernet'] } as const;
export type HumanTask = keyof typeof humanModels;

export interface HumanOptions {
  /** Faces found at most per image (Human's own default is 1). */
  maxFaces: number;
}

export interface LoadedHuman {
  readonly version: string;
  /** Runs the models of one task on the pixels. */
  detect(image: RgbImage, task: HumanTask): Promise<Result>;
}

let filesFetchInstalled = false;

/** Human configured as the image analysis runs it, its face and object models loaded and checked. */
export async function createHuman(options: HumanOptions): Promise<Human> {
  if (!filesFetchInstalled) {
    globalThis.fetch = fetchWithFiles(globalThis.fetch);
    filesFetchInstalled = true;
  }
  const { Human: HumanClass }: { Human: typeof Human } = require(join(humanDist, 'human.node-wasm.js'));
  const human = new HumanClass({
    backend: 'wasm',
    wasmPath: `${wasmDir}/`,
    modelBasePath: `${pathToFileURL(humanModelsDir).href}/`,
    debug: false,
    warmup: 'none',
    // Every image is new: no reuse of the previous frame's results, as Human does for video.
    cacheSensitivity: 0,
  });
  // Human merges partial settings deeply, but its types take whole sections: set the fields here.
  const config = human.config;
  config.filter.enabled = false;
  config.gesture.enabled = false;
  config.body.enabled = false;
  config.hand.enabled = false;
  config.segmentation.enabled = false;
  const { detector, antispoof, liveness } = config.face;
  if (!detector || !antispoof || !liveness) throw new Error(`Human ${human.version}'s default settings lack the face sections set here: was @vladmandic/human upgraded?`);
  detector.maxDetected = options.maxFaces;
  antispoof.enabled = false;
  liveness.enabled = false;
  // Raw candidates: the score threshold and non-maximum suppression are ours (non-max-suppression.ts).
  config.object.minConfidence = 0;
  config.object.iouThreshold = 1;
  config.object.maxDetected = 100;
  config.face.enabled = true;
  config.object.enabled = true;
  await human.load();
  const loaded = human.models.loaded();
  const missing = [...humanModels.faces, ...humanModels.objects].filter((name) => !loaded.includes(name));
  if (missing.length > 0) throw new Error(`Human ${human.version} did not load ${missing.join(', ')} from ${humanModelsDir}: reinstall @vladmandic/human (npm ci)`);
  return human;
}

export async function loadHuman(options: HumanOptions): Promise<LoadedHuman> {
  const human = await createHuman(options);
  const config = human.config;
  return {
    version: human.version,
    async detect(image, task) {
      config.face.enabled = task === 'faces';
      config.object.enabled = task === 'objects';
      const input: Tensor3D = human.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      try {
        // Human answers a failure with an empty result and its reason, rather than throwing.
        const result = await human.detect(input);
        if (result.error) throw new Error(`Human could not detect ${task}: ${result.error}`);
        return result;
      } finally {
        input.dispose();
      }
    },
  };
}
