// Moondream in-process: the files of its ONNX release (unpacked from the .mf.gz by `npm run models --
// pull`) loaded on onnxruntime-node, and a caption generated as the release's client does (the
// `moondream` PyPI client's onnx_vl.py up to 0.0.6): crops through the vision encoder and projection,
// those embeddings through the text decoder into the key-value cache after the initial one, then the
// caption prompt of config.json's templates and greedy decoding until the end-of-text token.
// Runs in whichever thread calls it: the images consumer calls it in its analysis workers.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import ort from 'onnxruntime-node';
import { z } from 'zod';
import { floatsOf, floatTensor, isFloatType, type FloatType } from './float-tensor.ts';
import type { MoondreamFileRole } from '../../models/manifest.ts';
import type { CaptionLength } from './moondream-client.ts';
import { cropSidePx, imageFeatures, moondreamCrops } from './moondream-crops.ts';
import { parseNumpyArray, type NumpyArray } from './numpy-array.ts';
import type { MoondreamModel } from './moondream-local-settings.ts';
import type { RgbImage } from './rgb-image.ts';

const configSchema = z.object({
  special_tokens: z.object({ eos: z.number().int().min(0) }),
  templates: z.object({ caption: z.record(z.string(), z.array(z.number().int().min(0)).min(1)) }),
});

export interface CaptionOptions {
  length: CaptionLength;
  /** Tokens generated at most; the caption is cut there. */
  maxTokens: number;
  /** Decoding stops with an error past this time (Date.now() milliseconds). */
  deadline?: number;
}

export interface LocalMoondream {
  /** The model's name (its folder's), for provenance. */
  readonly model: string;
  caption(image: RgbImage, options: CaptionOptions): Promise<string>;
  release(): Promise<void>;
}

/** The key-value cache: layers × 2 × batch × heads × positions × head size, positions growing. */
interface KvCache {
  type: 'float16' | 'float32';
  dims: number[];
  data: Uint16Array | Float32Array;
}

/** The cache with `update` (the same dims but the positions) appended along the positions axis. */
export function appendToCache(cache: KvCache, update: ort.Tensor): KvCache {
  if (update.type !== cache.type) throw new Error(`the text decoder's new_kv_cache is ${update.type}, the initial key-value cache ${cache.type}`);
  const dims = [...update.dims];
  const axis = dims.length - 2;
  if (dims.length !== cache.dims.length || dims.some((size, i) => i !== axis && size !== cache.dims[i])) {
    throw new Error(`the text decoder's new_kv_cache has dims (${dims.join(', ')}), which do not extend the cache's (${cache.dims.join(', ')})`);
  }
  const rowSize = dims[axis + 1]!;
  const blocks = dims.slice(0, axis).reduce((product, size) => product * size, 1);
  const oldBlock = cache.dims[axis]! * rowSize;
  const newBlock = dims[axis]! * rowSize;
  const updateData = update.data as Uint16Array | Float32Array;
  const data = cache.type === 'float16' ? new Uint16Array(blocks * (oldBlock + newBlock)) : new Float32Array(blocks * (oldBlock + newBlock));
  for (let block = 0; block < blocks; block++) {
    const to = block * (oldBlock + newBlock);
    data.set(cache.data.subarray(block * oldBlock, (block + 1) * oldBlock), to);
    data.set(updateData.subarray(block * newBlock, (block + 1) * newBlock), to + oldBlock);
  }
  return { type: cache.type, dims: cache.dims.map((size, i) => (i === axis ? size + dims[axis]! : size)), data };
}

function cacheOf(array: NumpyArray, file: string): KvCache {
  if (array.dtype === 'int64' || array.shape.length < 3) throw new Error(`${file} holds ${array.dtype} of shape (${array.shape.join(', ')}); a float key-value cache was expected`);
  return { type: array.dtype, dims: array.shape, data: array.data as Uint16Array | Float32Array };
}

/** Decoding passed its deadline. */
export class CaptionTimedOut extends Error {
  override name = 'CaptionTimedOut';
  constructor(readonly tokens: number) {
    super(`decoding passed its deadline after ${tokens} tokens`);
  }
}

const argmax = (values: Float32Array): number => values.reduce((best, value, i) => (value > values[best]! ? i : best), 0);

/**
 * Greedy decoding: feeds `prompt`, then each token chosen (the highest logit), until `eos` or
 * `maxTokens` tokens; returns the tokens, `eos` not among them. `step` runs the decoder on some
 * input embeddings (keeping its cache) and gives the last position's logits; `embed` makes a
 * token's embeddings.
 */
export async function greedyDecode<Embeds>(
  prompt: Embeds,
  step: (embeds: Embeds) => Promise<Float32Array>,
  embed: (token: number) => Promise<Embeds>,
  options: { eos: number; maxTokens: number; deadline?: number },
): Promise<number[]> {
  const tokens: number[] = [];
  let input = prompt;
  while (tokens.length < options.maxTokens) {
    if (options.deadline !== undefined && Date.now() > options.deadline) throw new CaptionTimedOut(tokens.length);
    const next = argmax(await step(input));
    if (next === options.eos) break;
    tokens.push(next);
    input = await embed(next);
  }
  return tokens;
}

/** The prompt's token ids for a caption of `length`, from the release's config.json templates. */
export function captionPrompt(templates: Record<string, number[]>, length: CaptionLength, model: string): number[] {
  const prompt = templates[length];
  if (!prompt) throw new Error(`Moondream ${model} has no caption template "${length}" (it has ${Object.keys(templates).join(', ')}): set LIFESTREAM_MOONDREAM_CAPTION_LENGTH to one of those`);
  return prompt;
}

function inputType(session: ort.InferenceSession, name: string, file: string): FloatType {
  const metadata = session.inputMetadata.find((input) => input.name === name);
  if (!metadata) throw new Error(`${file} has no input "${name}" (it has ${session.inputNames.join(', ')})`);
  if (!metadata.isTensor || !isFloatType(metadata.type)) throw new Error(`${file}'s input "${name}" is not a float32 or float16 tensor`);
  return metadata.type;
}

function outputOf(outputs: ort.InferenceSession.ReturnType, name: string, file: string): ort.Tensor {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`${file} gave no output "${name}"`);
  return tensor;
}

/** Loads the model's files, found by their roles; a missing or unreadable file rejects with what to do. */
export async function loadLocalMoondream(model: MoondreamModel, options: { threads: number }): Promise<LocalMoondream> {
  const { dir } = model;
  const fileOf = (role: MoondreamFileRole): string => {
    const found = model.files.find((file) => file.role === role);
    if (!found) throw new Error(`${model.name} has no file with "role": "${role}" in models/manifest.json, which its ${model.layout} layout loads`);
    return found.path;
  };
  // What captions need; detect and point would need the region heads (coord-*, size-*) besides.
  const visionEncoderFile = fileOf('vision-encoder');
  const visionProjectionFile = fileOf('vision-projection');
  const textEncoderFile = fileOf('text-encoder');
  const textDecoderFile = fileOf('text-decoder');
  const initialCacheFile = fileOf('initial-kv-cache');
  const tokenizerFile = fileOf('tokenizer');
  const configFile = fileOf('config');
  const missing = [visionEncoderFile, visionProjectionFile, textEncoderFile, textDecoderFile, initialCacheFile, tokenizerFile, configFile].filter((file) => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw new Error(`Moondream model folder ${dir} lacks ${missing.join(', ')}: run \`npm run models -- pull moondream-2b-int8\` (or unpack a Moondream .mf.gz there)`);
  }
  const sessionOptions: ort.InferenceSession.SessionOptions = { intraOpNumThreads: options.threads, interOpNumThreads: 1, enableCpuMemArena: false };
  const open = (file: string) => ort.InferenceSession.create(join(dir, file), sessionOptions);
  const [visionEncoder, visionProjection, textEncoder, textDecoder] = await Promise.all([open(visionEncoderFile), open(visionProjectionFile), open(textEncoderFile), open(textDecoderFile)]);
  const sessions = [visionEncoder, visionProjection, textEncoder, textDecoder];
  try {
    const configPath = join(dir, configFile);
    const config = configSchema.safeParse(JSON.parse(await readFile(configPath, 'utf8')));
    if (!config.success) throw new Error(`${configPath} lacks what captions need: ${z.prettifyError(config.error)}`);
    const tokenizer = new Tokenizer(JSON.parse(await readFile(join(dir, tokenizerFile), 'utf8')), {});
    const initialCachePath = join(dir, initialCacheFile);
    const initialCache = cacheOf(parseNumpyArray(await readFile(initialCachePath), initialCachePath), initialCacheFile);
    const cropType = inputType(visionEncoder, 'input', visionEncoderFile);
    const featureType = inputType(visionProjection, 'input', visionProjectionFile);
    const { eos } = config.data.special_tokens;

    const embedTokens = async (ids: readonly number[]): Promise<ort.Tensor> => {
      const outputs = await textEncoder.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]) });
      return outputs[textEncoder.outputNames[0]!]!;
    };

    /** Runs the decoder over `embeds` after `cache`; the cache grows by their positions. */
    const decode = async (embeds: ort.Tensor, cache: KvCache): Promise<{ logits: Float32Array; cache: KvCache }> => {
      const outputs = await textDecoder.run({ input_embeds: embeds, kv_cache: new ort.Tensor(cache.type, cache.data, cache.dims) });
      return {
        logits: floatsOf(outputOf(outputs, 'logits', textDecoderFile), `${textDecoderFile}'s logits`),
        cache: appendToCache(cache, outputOf(outputs, 'new_kv_cache', textDecoderFile)),
      };
    };

    /** The image in the key-value cache: the initial cache, then the image's embeddings. */
    const encodeImage = async (image: RgbImage): Promise<KvCache> => {
      const crops = await moondreamCrops(image);
      const encoded = outputOf(await visionEncoder.run({ input: floatTensor(cropType, crops.pixels, [crops.count, 3, cropSidePx, cropSidePx]) }), visionEncoder.outputNames[0]!, visionEncoderFile);
      const [, patches, channels] = encoded.dims;
      if (encoded.dims.length !== 3 || patches === undefined || channels === undefined) throw new Error(`${visionEncoderFile} gave dims (${encoded.dims.join(', ')}); crops × patches × channels was expected`);
      const features = imageFeatures(floatsOf(encoded, `${visionEncoderFile}'s output`), crops.grid, patches, channels);
      const projected = outputOf(await visionProjection.run({ input: floatTensor(featureType, features, [1, patches, 2 * channels]) }), visionProjection.outputNames[0]!, visionProjectionFile);
      return (await decode(projected, initialCache)).cache;
    };

    return {
      model: model.name,
      async caption(image, { length, maxTokens, deadline }) {
        const prompt = captionPrompt(config.data.templates.caption, length, model.name);
        let cache = await encodeImage(image);
        const step = async (embeds: ort.Tensor) => {
          const result = await decode(embeds, cache);
          cache = result.cache;
          return result.logits;
        };
        const tokens = await greedyDecode(await embedTokens(prompt), step, (token) => embedTokens([token]), { eos, maxTokens, ...(deadline === undefined ? {} : { deadline }) });
        return tokenizer.decode(tokens, { skip_special_tokens: true });
      },
      async release() {
        await Promise.all(sessions.map((session) => session.release()));
      },
    };
  } catch (error) {
    await Promise.all(sessions.map((session) => session.release()));
    throw error;
  }
}
