// How in-process Moondream (LIFESTREAM_MOONDREAM_MODEL) is set up: which model of models/manifest.json
// and where its files are, the caption's length and limits. The images consumer's main thread reads
// these at start without importing the model's code, and hands them to its analysis workers.
import { basename, join, resolve } from 'node:path';
import { findModel, loadManifest, type ModelEntry, type MoondreamLayout } from '../../models/manifest.ts';
import type { CaptionLength } from './moondream-client.ts';

export interface MoondreamModel {
  /** Its folder's name, recorded as the caption's source. */
  name: string;
  layout: MoondreamLayout;
  dir: string;
  /** Its files in dir, as models/manifest.json lists them; the loader finds each by its role. */
  files: ModelEntry['files'];
}

export interface LocalMoondreamSettings {
  model: MoondreamModel;
  length: CaptionLength;
  maxTokens: number;
  /** Longest the decoding of one caption may take; loading the model is not counted. */
  timeoutMs: number;
}

/** The release client's default for generated tokens. */
export const localCaptionMaxTokens = 512;

/** The release whose file names a folder given by path is taken to have: those of Moondream's ONNX release. */
const releaseNamedByPath = 'moondream-2b-int8';

/** A Moondream model of models/manifest.json with its files in `dir` (the tests load a tiny one built so). */
export function moondreamModel(model: ModelEntry, dir: string): MoondreamModel {
  if (!model.moondreamLayout) throw new Error(`${model.name} is not a Moondream model: models/manifest.json gives it no moondreamLayout`);
  return { name: basename(dir), layout: model.moondreamLayout, dir, files: model.files };
}

/**
 * LIFESTREAM_MOONDREAM_MODEL's model: a name of models/manifest.json, in its folder under MODELS_DIR;
 * or a path (it holds a /) to a folder of the release's unpacked files, named as the manifest names
 * moondream-2b-int8's. Throws, naming the setting, when a name is no Moondream model of the manifest.
 */
export function localMoondreamModel(setting: string, modelsDir: string, manifest = loadManifest()): MoondreamModel {
  if (setting.includes('/')) return moondreamModel(findModel(releaseNamedByPath, manifest), resolve(setting));
  const moondreams = manifest.filter((m) => m.moondreamLayout).map((m) => m.name);
  const model = manifest.find((m) => m.name === setting);
  if (!model?.moondreamLayout) {
    const what = model ? 'a model of models/manifest.json that is no Moondream model' : 'no model of models/manifest.json';
    throw new Error(`LIFESTREAM_MOONDREAM_MODEL is "${setting}", ${what}: name one of ${moondreams.join(', ')}, or give the path of a folder of a Moondream release's unpacked files`);
  }
  return moondreamModel(model, join(modelsDir, setting));
}
