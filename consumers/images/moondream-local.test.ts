// In-process Moondream run for real on a tiny model in the layout of Moondream's ONNX release (built
// here in a second or two by scripts/models/tiny-moondream.py and unpacked as `pull` unpacks the
// release): the files it loads, found by their roles in models/manifest.json, the crops, the image in the key-value cache, the caption prompt from
// config.json and greedy decoding until the end-of-text token, decoded by the release's tokenizer.
// The tiny model's fixed weights caption a bright image "A tiny moondream caption." and a dark one
// "The tiny moondream caption.", so the caption shows the image reached the decoder; what Moondream's
// own weights say is not tested here.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ort from 'onnxruntime-node';
import { findModel, loadManifest } from '../../models/manifest.ts';
import { editedManifest } from '../../test/edited-manifest.ts';
import { buildTinyMoondream, tinyMoondreamCaptions } from '../../scripts/models/tiny-moondream.ts';
import { localMoondreamCaptioner } from './moondream-local-caption.ts';
import { localMoondreamModel, moondreamModel } from './moondream-local-settings.ts';
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
    assert.throws(() => appendToCache(cache, new ort.Tensor('float16', new Uint16Array(4), [2, 1, 1, 1, 2])), /new_kv_cache is float16, the initial key-value cache float32/);
    assert.throws(() => appendToCache(cache, new ort.Tensor('float32', new Float32Array(6), [3, 1, 1, 1, 2])), /new_kv_cache has dims \(3, 1, 1, 1, 2\), which do not extend the cache's \(2, 1, 1, 2, 2\)/);
  });
});

describe('Moondream in process, on a tiny model in the release layout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-tiny-moondream-'));
  const modelDir = join(dir, 'moondream-test');
  const tiny = findModel('moondream-test');
  let moondream: LocalMoondream;

  before(async () => {
    await buildTinyMoondream(tiny, { force: true, dir: modelDir });
    moondream = await loadLocalMoondream(moondreamModel(tiny, modelDir), { threads: 1 });
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
    const other = await loadLocalMoondream(moondreamModel(tiny, copy), { threads: 1 });
    try {
      assert.equal(await other.caption(dark(32, 32), { length: 'normal', maxTokens: 512 }), ' tiny moondream caption.');
    } finally {
      await other.release();
    }
  });

  it('refuses a folder without the release files, saying how to get them', async () => {
    await assert.rejects(loadLocalMoondream(moondreamModel(tiny, join(dir, 'nothing-here')), { threads: 1 }), /Moondream model folder .*nothing-here lacks vision_encoder.onnx, .*config.json: run `npm run models -- pull moondream-2b-int8`/);
    const broken = join(dir, 'broken-config');
    cpSync(modelDir, broken, { recursive: true });
    writeFileSync(join(broken, 'config.json'), '{"templates": {}}');
    await assert.rejects(loadLocalMoondream(moondreamModel(tiny, broken), { threads: 1 }), /broken-config\/config.json lacks what captions need/);
  });

  it('as the analysis workers caption: the reason instead of a caption when it fails, the model loaded once it is there', async () => {
    const later = join(dir, 'installed-later');
    const settings = { model: moondreamModel(tiny, later), length: 'normal' as const, maxTokens: 512, timeoutMs: 60_000 };
    const caption = localMoondreamCaptioner(settings, 1);
    const missing = await caption(bright(32, 32));
    assert.ok('failure' in missing && /^Moondream installed-later in process: Moondream model folder .*installed-later lacks/.test(missing.failure), JSON.stringify(missing));
    cpSync(modelDir, later, { recursive: true });
    assert.deepEqual(await caption(bright(32, 32)), { caption: tinyMoondreamCaptions.bright, source: 'caption: Moondream installed-later in process (normal)' });
    const slow = await localMoondreamCaptioner({ ...settings, timeoutMs: -1 }, 1)(bright(32, 32));
    assert.ok('failure' in slow && /in process: no caption within -0.001 s \(LIFESTREAM_MOONDREAM_TIMEOUT_S; 0 tokens decoded\)/.test(slow.failure), JSON.stringify(slow));
  });

  it('finds a model by name under MODELS_DIR, or by path with the release\'s file names; refuses a name that is no Moondream model of the manifest', () => {
    assert.deepEqual(localMoondreamModel('moondream-0.5b-int8', '/srv/models'), { name: 'moondream-0.5b-int8', layout: 'onnx-release', dir: '/srv/models/moondream-0.5b-int8', files: findModel('moondream-0.5b-int8').files });
    assert.deepEqual(localMoondreamModel('/opt/md', '/srv/models'), { name: 'md', layout: 'onnx-release', dir: '/opt/md', files: findModel('moondream-2b-int8').files });
    assert.throws(() => localMoondreamModel('moondream-9b', '/srv/models'), /LIFESTREAM_MOONDREAM_MODEL is "moondream-9b", no model of models\/manifest.json: name one of moondream-2b-int8, moondream-0.5b-int8, moondream-test, or give the path of a folder/);
    assert.throws(() => localMoondreamModel('whisper-base', '/srv/models'), /LIFESTREAM_MOONDREAM_MODEL is "whisper-base", a model of models\/manifest.json that is no Moondream model: name one of moondream-2b-int8/);
    assert.throws(() => moondreamModel(findModel('whisper-base'), '/m/w'), /whisper-base is not a Moondream model: models\/manifest.json gives it no moondreamLayout/);
  });
});

describe('Moondream model files from models/manifest.json', () => {
  const root = mkdtempSync(join(tmpdir(), 'lifestream-moondream-manifest-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('follows files renamed in the manifest: built, found and loaded by their new names, refused under the old ones', async () => {
    const renamed = findModel(
      'moondream-test',
      loadManifest(
        editedManifest(root, 'renamed', (models) => {
          for (const file of models.find((m) => m.name === 'moondream-test')!.files) {
            if (file.role === 'vision-encoder') file.path = 'vision.fp16.onnx';
            if (file.role === 'config') file.path = 'moondream-config.json';
          }
        }),
      ),
    );
    const renamedDir = join(root, 'renamed', 'moondream-test');
    await buildTinyMoondream(renamed, { force: true, dir: renamedDir });
    assert.ok(existsSync(join(renamedDir, 'vision.fp16.onnx')) && existsSync(join(renamedDir, 'moondream-config.json')));
    assert.ok(!existsSync(join(renamedDir, 'vision_encoder.onnx')) && !existsSync(join(renamedDir, 'config.json')));
    const moondream = await loadLocalMoondream(moondreamModel(renamed, renamedDir), { threads: 1 });
    try {
      assert.equal(await moondream.caption(bright(32, 32), { length: 'normal', maxTokens: 64 }), tinyMoondreamCaptions.bright);
    } finally {
      await moondream.release();
    }
    await assert.rejects(loadLocalMoondream(moondreamModel(findModel('moondream-test'), renamedDir), { threads: 1 }), /Moondream model folder .*renamed\/moondream-test lacks vision_encoder\.onnx, config\.json: run/);
  });

  it('refuses a manifest whose Moondream model lacks a role, gives one twice, or gives a role its layout does not load', () => {
    const withoutTokenizer = editedManifest(root, 'without-tokenizer', (models) => {
      const release = models.find((m) => m.name === 'moondream-2b-int8')!;
      release.files = release.files.filter((f) => f.role !== 'tokenizer');
    });
    assert.throws(() => loadManifest(withoutTokenizer), /moondream-2b-int8 \(moondreamLayout onnx-release\) needs one file with "role": "tokenizer", has 0/);
    const roleless = editedManifest(root, 'roleless', (models) => {
      delete models.find((m) => m.name === 'moondream-test')!.files.find((f) => f.role === 'text-decoder')!.role;
    });
    assert.throws(() => loadManifest(roleless), /moondream-test \(moondreamLayout onnx-release\) needs one file with "role": "text-decoder", has 0/);
    const twoConfigs = editedManifest(root, 'two-configs', (models) => {
      models.find((m) => m.name === 'moondream-0.5b-int8')!.files.push({ path: 'config-2.json', role: 'config', sha256: null });
    });
    assert.throws(() => loadManifest(twoConfigs), /moondream-0\.5b-int8 \(moondreamLayout onnx-release\) needs one file with "role": "config", has 2/);
    const speechRole = editedManifest(root, 'speech-role', (models) => {
      models.find((m) => m.name === 'moondream-test')!.files.push({ path: 'joiner.onnx', role: 'joiner', sha256: null });
    });
    assert.throws(() => loadManifest(speechRole), /moondream-test: joiner\.onnx has "role": "joiner", but its moondreamLayout onnx-release loads vision-encoder, vision-projection, text-encoder/);
    const withoutLayout = editedManifest(root, 'without-layout', (models) => {
      delete models.find((m) => m.name === 'moondream-test')!.moondreamLayout;
    });
    assert.throws(() => loadManifest(withoutLayout), /moondream-test: vision_encoder\.onnx has "role": "vision-encoder", but only a model with a speechLayout or a moondreamLayout has roles/);
    const bothLayouts = editedManifest(root, 'both-layouts', (models) => {
      models.find((m) => m.name === 'moondream-test')!.speechLayout = 'whisper';
    });
    assert.throws(() => loadManifest(bothLayouts), /moondream-test has both a speechLayout and a moondreamLayout/);
  });
});
