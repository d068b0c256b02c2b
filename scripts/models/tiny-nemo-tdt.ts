// Builds parakeet-tdt-test: a tiny NeMo TDT transducer (about 60 kB) in the layout of sherpa-onnx's
// Parakeet TDT 0.6b v2 export, with fixed weights that emit a known token sequence, made by
// tiny-nemo-tdt.py in the venv that whisper-base's build sets up. It lets the tests run the Parakeet
// path of consumers/audio/sherpa-recognizer.ts where the real weights cannot be downloaded.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runChecked } from '../stack/processes.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { modelDir } from '../../models/model-location.ts';
import { moveModelFiles } from './install-files.ts';
import { ensurePython, pythonEnv, venvPython } from './whisper-base.ts';

const builder = join(import.meta.dirname, 'tiny-nemo-tdt.py');

/** Builds the model's files into dir (its folder under MODELS_DIR by default) unless they are all there; returns whether it built. */
export async function buildTinyNemoTdt(model: ModelEntry, options: { force: boolean; dir?: string }): Promise<boolean> {
  const dir = options.dir ?? modelDir(model);
  if (!options.force && model.files.every((file) => existsSync(join(dir, file.path)))) return false;
  await ensurePython();
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await runChecked(venvPython, [builder, '--out', partial], { env: pythonEnv });
  moveModelFiles(model, partial, dir);
  return true;
}
