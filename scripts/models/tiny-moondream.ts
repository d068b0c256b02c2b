// Builds moondream-test: a tiny vision-language model (about 130 kB) in the layout of Moondream's
// ONNX release, written by tiny-moondream.py as a .mf.gz archive (in the venv that whisper-base's
// build sets up), its members named as models/manifest.json names each role, and unpacked as `pull`
// unpacks the real one. Its fixed weights caption a bright
// image "A tiny moondream caption." and a dark one "The tiny moondream caption.", so the tests can run
// the in-process Moondream path where the real weights cannot be downloaded.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unpackMoondreamArchive } from '../../consumers/images/moondream-archive.ts';
import { runChecked } from '../stack/processes.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { modelDir } from '../../models/model-location.ts';
import { moveModelFiles } from './install-files.ts';
import { ensurePython, pythonEnv, venvPython } from './whisper-base.ts';

const builder = join(import.meta.dirname, 'tiny-moondream.py');

/** What the tiny model captions an image with: by its mean brightness, above or below half. */
export const tinyMoondreamCaptions = { bright: 'A tiny moondream caption.', dark: 'The tiny moondream caption.' } as const;

/** Writes the tiny model's .mf.gz archive to `archivePath`, each member named as `model`'s file of its role. */
export async function writeTinyMoondreamArchive(archivePath: string, model: ModelEntry): Promise<void> {
  if (!model.moondreamLayout) throw new Error(`${model.name} is not a Moondream model: models/manifest.json gives it no moondreamLayout`);
  const names = model.files.flatMap((file) => (file.role ? ['--file', `${file.role}=${file.path}`] : []));
  await ensurePython();
  await runChecked(venvPython, [builder, '--out', archivePath, ...names], { env: pythonEnv });
}

/** Builds the model's files into dir (its folder under MODELS_DIR by default) unless they are all there; returns whether it built. */
export async function buildTinyMoondream(model: ModelEntry, options: { force: boolean; dir?: string }): Promise<boolean> {
  const dir = options.dir ?? modelDir(model);
  if (!options.force && model.files.every((file) => existsSync(join(dir, file.path)))) return false;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const archive = `${partial}/${model.name}.mf.gz`;
  await writeTinyMoondreamArchive(archive, model);
  await unpackMoondreamArchive(archive, partial);
  rmSync(archive);
  moveModelFiles(model, partial, dir);
  return true;
}
