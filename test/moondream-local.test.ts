// In-process Moondream end to end: with LIFESTREAM_MOONDREAM_MODEL naming a model under MODELS_DIR,
// the images consumer's workers load it on the first image and caption each image with it. Run on a
// tiny model in the layout of Moondream's ONNX release (scripts/models/tiny-moondream.py), whose
// fixed weights caption a bright image "A tiny moondream caption." and a dark one "The tiny moondream
// caption.": what is tested is the path (the files found, loaded and run on the uploaded image, the
// caption and `model` in the analysis, the fallback), not what Moondream's own weights would say.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findModel } from '../models/manifest.ts';
import { buildTinyMoondream, tinyMoondreamCaptions } from '../scripts/models/tiny-moondream.ts';
import { png } from './fixtures/png.ts';
import { captionClient } from './caption-client.ts';
import { startHarness, uniqueDevice, type Harness } from './harness.ts';

describe('captions by Moondream in process', () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'lifestream-moondream-models-'));
  const tiny = findModel('moondream-test');
  let h: Harness;
  const { ingestPhoto, analysisOf } = captionClient(() => h, new Date(Date.UTC(2026, 5, 1, 11)));

  before(async () => {
    // The model is named before it is installed: the first image finds it missing.
    h = await startHarness(undefined, { MODELS_DIR: modelsDir, LIFESTREAM_MOONDREAM_MODEL: tiny.name, LIFESTREAM_MOONDREAM_CAPTION_LENGTH: 'short' });
    await h.startPersistence();
    await h.startConsumers('images');
  });
  after(async () => {
    await h?.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('keeps the analysis with the composed caption while the model is not installed, saying how to install it', async () => {
    const device = uniqueDevice('phone');
    await ingestPhoto(device, png(48, 48, () => [200, 200, 200]), 48);
    const analysis = await analysisOf(device);
    assert.equal(analysis.caption, 'nothing recognised');
    assert.match(
      analysis.model,
      new RegExp(`^caption composed from the findings \\(Moondream ${tiny.name} in process: Moondream model folder ${join(modelsDir, tiny.name)} lacks vision_encoder.onnx, .*: run \`npm run models -- pull moondream-2b-int8\`.*\\); text: PP-OCRv4`),
    );
  });

  it("captions each photo with the model once it is installed, by what the photo shows, found by the caption's words, with `model` naming it", async () => {
    await buildTinyMoondream(tiny, { force: true, dir: join(modelsDir, tiny.name) });
    const shades = [
      { level: 230, caption: tinyMoondreamCaptions.bright, device: uniqueDevice('phone') },
      { level: 30, caption: tinyMoondreamCaptions.dark, device: uniqueDevice('phone') },
    ];
    for (const { level, device } of shades) await ingestPhoto(device, png(600, 600, () => [level, level, level]), 600);
    for (const { caption, device } of shades) {
      const analysis = await analysisOf(device, 'moondream');
      assert.equal(analysis.caption, caption);
      assert.equal(analysis.headline, caption);
      assert.match(analysis.model, new RegExp(`^caption: Moondream ${tiny.name} in process \\(short\\); text: PP-OCRv4.*; objects: .*; faces: `));
    }
  });
});
