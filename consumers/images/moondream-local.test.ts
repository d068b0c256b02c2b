// In-process Moondream run for real on a tiny model in the layout of Moondream's ONNX release (built
// here in a second or two by scripts/models/tiny-moondream.py and unpacked as `pull` unpacks the
// release): the files it loads, the crops, the image in the key-value cache, the caption prompt from
// config.json and greedy decoding until the end-of-text token, decoded by the release's tokenizer.
// The tiny model's fixed weights caption a bright image "A tiny moondream caption." and a dark one
// "The tiny moondream caption.", so the caption shows the image reached the decoder; what Moondream's
// own weights say is not tested here.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ort from 'onnxruntime-node';
import { findModel } from '../../models/manifest.ts';
import { buildTinyMoondream, tinyMoondreamCaptions } from '../../scripts/models/tiny-moondream.ts';
import { localMoondreamCaptioner } from './moondream-local-caption.ts';
import { localMoondreamDir } from './moondream-local-settings.ts';
import { appendToCache, CaptionTimedOut, captionPrompt, greedyDecode, loadLocalMoondream, type LocalMoondream } from './moondream-local.ts';
import type { RgbImage } from './rgb-image.ts';

/** An image of one grey level, with a little noise (all of it lighter or darker than half). */
const shade = (width: number, height: number, level: number): RgbImage => ({ data: Uint8Array.from({ length: width * height * 3 }, (_, i) => level + ((i * 37) % 21) - 10), width, height });
const bright = (width: number, height: number) => shade(width, height, 220);
const dark = (width: number, height: number) => shade(width, height, 40);

describe('greedy decoding', () => {
  // A decoder whose logits favour the token after the last one fed, 0 being the end.
  const successor = (next: Record<number, number>) => async (fed: number) => Float32Array.from({ length: 8 }, (_, token) => (token === next[fed] ? 1 : 0));

  it('feeds the prompt, then each token it chose, until the end token, which it leaves out', async () => {
    const fed: number[] = [];
    const step = async (input: number) => {
      fed.push(input);
      return successor({ 9: 3, 3: 5, 5: 2, 2: 0 })(input);
    };
    assert.deepEqual(await greedyDecode(9, step, async (token) => token, { eos: 0, maxTokens: 10 }), [3, 5, 2]);
    assert.deepEqual(fed, [9, 3, 5, 2]);
  });

  it('stops at maxTokens, and when the deadline has passed', async () => {
    const forever = successor({ 1: 2, 2: 1 });
    assert.deepEqual(await greedyDecode(1, forever, async (token) => token, { eos: 0, maxTokens: 5 }), [2, 1, 2, 1, 2]);
    await assert.rejects(greedyDecode(1, forever, async (token) => token, { eos: 0, maxTokens: 5, deadline: Date.now() - 1 }), (error: unknown) => error instanceof CaptionTimedOut && error.tokens === 0);
  });

  it('takes the caption prompt from the templates, naming those there are when one is missing', () => {
    assert.deepEqual(captionPrompt({ short: [1, 2], normal: [3] }, 'normal', 'm'), [3]);
    assert.throws(() => captionPrompt({ short: [1, 2], normal: [3] }, 'long', 'moondream-x'), /Moondream moondream-x has no caption template "long" \(it has short, normal\): set LIFESTREAM_MOONDREAM_CAPTION_LENGTH to one of those/);
  });

  it('appends new keys and values along the positions axis of each layer, key or value and head', () => {
    // 2 (layers) × 1 (batch) × 1 (head) × 2 positions × 2 (head size), then one position more.
    const cache = { type: 'float32' as const, dims: [2, 1, 1, 2, 2], data: Float32Array.from([1, 1, 2, 2, 10, 10, 20, 20]) };
    const grown = appendToCache(cache, new ort.Tensor('float32', Float32Array.from([3, 3, 30, 30]), [2, 1, 1, 1, 2]));
    assert.deepEqual(grown.dims, [2, 1, 1, 3, 2]);
    assert.deepEqual([...grown.data], [1, 1, 2, 2, 3, 3, 10, 10, 20, 20, 30, 30]);
    assert.throws(() => appendToCache(cache, new ort.Tensor('float16', new Uint16Array(4), [2, 1, 1, 1, 2])), /new_kv_cache is float16, initial_kv_cache.npy is float32/);
    assert.throws(() => appendToCache(cache, new ort.Tensor('float32', new Float32Array(6), [3, 1, 1, 1, 2])), /new_kv_cache has dims \(3, 1, 1, 1, 2\), which do not extend the cache's \(2, 1, 1, 2, 2\)/);
  });
});

describe('Moondream in process, on a tiny model in the release layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-tiny-moondream-'));
  const modelDir = join(dir, 'moondream-test');
  let moondream: LocalMoondream;

  before(async () => {
    await buildTinyMoondream(findModel('moondream-test'), { force: true, dir: modelDir });
    moondream = await loadLocalMoondream(modelDir, { threads: 1 });
  });
  after(async () => {
    await moondream?.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('captions images with and without local crops, at each length, with its known tokens, by what the image shows', async () => {
    assert.equal(moondream.model, 'moondream-test');
    for (const [width, height] of [[48, 32], [1000, 500], [500, 1000], [900, 900]] as const) {
      for (const length of ['short', 'normal', 'long'] as const) {
        assert.equal(await moondream.caption(bright(width, height), { length, maxTokens: 512 }), tinyMoondreamCaptions.bright, `bright ${width}×${height}, ${length}`);
        assert.equal(await moondream.caption(dark(width, height), { length, maxTokens: 512 }), tinyMoondreamCaptions.dark, `dark ${width}×${height}, ${length}`);
      }
    }
  });

  it('cuts the caption at maxTokens, and stops at the deadline', async () => {
    assert.equal(await moondream.caption(bright(64, 64), { length: 'normal', maxTokens: 3 }), 'A tiny moon');
    await assert.rejects(moondream.caption(bright(64, 64), { length: 'normal', maxTokens: 512, deadline: Date.now() - 1 }), CaptionTimedOut);
  });

  it("prompts with config.json's template", async () => {
    // A template ending in the caption's first token: decoding goes on from its second.
    const copy = join(dir, 'other-template');
    cpSync(modelDir, copy, { recursive: true });
    const config = JSON.parse(readFileSync(join(copy, 'config.json'), 'utf8'));
    config.templates.caption.normal = [7];
    writeFileSync(join(copy, 'config.json'), JSON.stringify(config));
    const other = await loadLocalMoondream(copy, { threads: 1 });
    try {
      assert.equal(await other.caption(dark(32, 32), { length: 'normal', maxTokens: 512 }), ' tiny moondream caption.');
    } finally {
      await other.release();
    }
  });

  it('refuses a folder without the release files, saying how to get them', async () => {
    await assert.rejects(loadLocalMoondream(join(dir, 'nothing-here'), { threads: 1 }), /Moondream model folder .*nothing-here lacks vision_encoder.onnx, .*config.json: run `npm run models -- pull moondream-2b-int8`/);
    const broken = join(dir, 'broken-config');
    cpSync(modelDir, broken, { recursive: true });
    writeFileSync(join(broken, 'config.json'), '{"templates": {}}');
    await assert.rejects(loadLocalMoondream(broken, { threads: 1 }), /broken-config\/config.json lacks what captions need/);
  });

  it('as the analysis workers caption: the reason instead of a caption when it fails, the model loaded once it is there', async () => {
    const later = join(dir, 'installed-later');
    const settings = { dir: later, length: 'normal' as const, maxTokens: 512, timeoutMs: 60_000 };
    const caption = localMoondreamCaptioner(settings, 1);
    const missing = await caption(bright(32, 32));
    assert.ok('failure' in missing && /^Moondream installed-later in process: Moondream model folder .*installed-later lacks/.test(missing.failure), JSON.stringify(missing));
    cpSync(modelDir, later, { recursive: true });
    assert.deepEqual(await caption(bright(32, 32)), { caption: tinyMoondreamCaptions.bright, source: 'caption: Moondream installed-later in process (normal)' });
    const slow = await localMoondreamCaptioner({ ...settings, timeoutMs: -1 }, 1)(bright(32, 32));
    assert.ok('failure' in slow && /in process: no caption within -0.001 s \(LIFESTREAM_MOONDREAM_TIMEOUT_S; 0 tokens decoded\)/.test(slow.failure), JSON.stringify(slow));
  });

  it('finds a model by name under MODELS_DIR, or by path', () => {
    assert.equal(localMoondreamDir('moondream-2b-int8', '/srv/models'), '/srv/models/moondream-2b-int8');
    assert.equal(localMoondreamDir('/opt/md', '/srv/models'), '/opt/md');
  });
});
