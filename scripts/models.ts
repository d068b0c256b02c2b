// `npm run models -- list|pull`: the model files of models/manifest.json under MODELS_DIR
// (./models by default). See models/README.md.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { findModel, loadManifest, modelDir } from './models/manifest.ts';
import { pullModel } from './models/pull.ts';

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

const program = new Command('models').description('model files under MODELS_DIR (default ./models), as listed in models/manifest.json');
program.command('list').description('each model, whether its files are present, and how to get it').action(list);
program
  .command('pull')
  .argument('<name>', 'a model with a url in models/manifest.json')
  .option('--stall-timeout <seconds>', 'give up when no byte arrives for this long', positiveNumber, 30)
  .description('download a model (needs internet access, not only the package registries)')
  .action((name: string, options: { stallTimeout: number }) => pullModel(findModel(name), { stallS: options.stallTimeout }));

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
