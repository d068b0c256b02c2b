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
import { findModel } from '../scripts/models/manifest.ts';
import { buildTinyMoondream, tinyMoondreamCaptions } from '../scripts/models/tiny-moondream.ts';
import { png } from './fixtures/png.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface Analysis {
  headline: string;
  caption: string | null;
  model: string;
}

const analyses = `query($d: [ID!], $text: String) {
  timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [IMAGE_ANALYSIS], text: $text) {
    edges { node { headline ... on ImageAnalysis { caption model } } }
  }
}`;

// Analyses load their models on the first image and share 2 cores with other suites: give them minutes.
const analysisAttempts = 1_800;

describe('captions by Moondream in process', () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'lifestream-moondream-models-'));
  const tiny = findModel('moondream-test');
  let h: Harness;
  let time = 0;
  const nextTime = () => new Date(Date.UTC(2026, 5, 1, 11, 0, time++)).toISOString();

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

  const ingestPhoto = async (device: string, image: Buffer, size: number) => {
    const result = await h.graphql<{ ingestCameraPhoto: { errors: unknown[] } }>(`mutation($e: [CameraPhotoInput!]!) { ingestCameraPhoto(events: $e) { errors { message } } }`, {
      e: [{ deviceId: device, time: nextTime(), camera: 'REAR', widthPx: size, heightPx: size, image: { base64: image.toString('base64'), mimeType: 'image/png' } }],
    });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data?.ingestCameraPhoto.errors, []);
  };

  const analysisOf = (device: string, text?: string) =>
    eventually(
      async () => (await h.graphql<{ timeline: { edges: { node: Analysis }[] } }>(analyses, { d: [device], text })).data?.timeline.edges[0]?.node,
      `the image analysis of ${device}`,
      analysisAttempts,
    );

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
