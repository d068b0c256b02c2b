// How in-process Moondream (LIFESTREAM_MOONDREAM_MODEL) is set up, apart from the model itself:
// the images consumer's main thread reads these at start without importing the model's code.
import { join, resolve } from 'node:path';
import type { CaptionLength } from './moondream-client.ts';

export interface LocalMoondreamSettings {
  /** The folder of the release's unpacked files. */
  dir: string;
  length: CaptionLength;
  maxTokens: number;
  /** Longest the decoding of one caption may take; loading the model is not counted. */
  timeoutMs: number;
}

/** The release client's default for generated tokens. */
export const localCaptionMaxTokens = 512;

/** LIFESTREAM_MOONDREAM_MODEL's folder: a path (it holds a /) as is, else a model's name under MODELS_DIR. */
export function localMoondreamDir(setting: string, modelsDir: string): string {
  return setting.includes('/') ? resolve(setting) : join(modelsDir, setting);
}
