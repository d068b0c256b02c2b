// The image analyzer end to end on real weights, in its worker threads: what it finds in real photos
// and a screenshot, that the calling thread's event loop keeps running meanwhile, that bad images are
// refused with their codes without breaking the pool, and that idle workers let their models go.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { photo } from '../../test/fixtures/photos.ts';
import { pngDeclaring } from '../../test/fixtures/png.ts';
import { calendarHtml, renderScreenshot, type Screenshot } from '../../test/fixtures/screenshot.ts';
import { eventually } from '../../test/harness.ts';
import { intersectionOverUnion } from './boxes.ts';
import { defaultDecodeOptions } from './decode-image.ts';
import { openImageAnalyzer, type ImageAnalyzer } from './image-analyzer.ts';
import { ImageRejected, type ImageRejectionCode } from './image-rejected.ts';

const words = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u));

async function rejectionCode(analysis: Promise<unknown>): Promise<ImageRejectionCode> {
  try {
    await analysis;
  } catch (error) {
    assert.ok(error instanceof ImageRejected, `an ImageRejected, got ${String(error)}`);
    return error.code;
  }
  assert.fail('the image was analysed');
}

describe('image analyzer', () => {
  let analyzer: ImageAnalyzer;
  let screenshot: Screenshot;
  before(async () => {
    analyzer = openImageAnalyzer({ workers: 1 });
    screenshot = await renderScreenshot(calendarHtml);
  });
  after(() => analyzer.close());

  it('keeps the event loop of the calling thread running while it analyses', async () => {
    // The first analysis starts the worker and loads every model: seconds of work, none of it here.
    const gaps: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 20);
    const started = performance.now();
    try {
      await analyzer.analyze(photo('astronaut'), 'image/png');
    } finally {
      clearInterval(ticker);
    }
    const tookMs = performance.now() - started;
    const longestGap = Math.max(...gaps);
    // Run in this thread, it ticks about a tenth as often as it could (9 ticks in 2.5 s here).
    assert.ok(gaps.length >= tookMs / 20 / 4, `${gaps.length} ticks of 20 ms in ${Math.round(tookMs)} ms`);
    assert.ok(longestGap < 1000, `the event loop stalled for ${Math.round(longestGap)} ms`);
  });

  it('finds the astronaut: one face, a person, no text', async () => {
    const analysis = await analyzer.analyze(photo('astronaut'), 'image/png');
    assert.deepEqual([analysis.mimeType, analysis.width, analysis.height], ['image/png', 512, 512]);
    assert.equal(analysis.faces?.length, 1);
    assert.ok(analysis.objects?.some((object) => object.label === 'person'));
    assert.deepEqual(analysis.text, { lines: [], text: '' });
    assert.equal(analysis.thumbnail.width, 320);
    assert.match(analysis.models.text ?? '', /PP-OCRv4/);
    assert.match(analysis.models.objects ?? '', /CenterNet/);
    assert.match(analysis.models.faces ?? '', /blazeface/);
    for (const stage of ['decode', 'text', 'objects', 'faces'] as const) assert.ok((analysis.timingsMs[stage] ?? -1) >= 0, stage);
    assert.ok(analysis.timingsMs.total >= analysis.timingsMs.decode);
  });

  it('runs only the stages asked for', async () => {
    const analysis = await analyzer.analyze(photo('coffee'), 'image/png', { text: false, faces: false });
    assert.equal(analysis.objects?.[0]?.label, 'cup');
    assert.equal(analysis.text, undefined);
    assert.equal(analysis.faces, undefined);
    assert.deepEqual(Object.keys(analysis.models), ['objects']);
  });

  it('refuses corrupt, mislabelled and bomb images with their codes, and analyses the next image in the same pool', async () => {
    const astronaut = photo('astronaut');
    assert.equal(await rejectionCode(analyzer.analyze(astronaut.subarray(0, astronaut.length / 3), 'image/png')), 'CORRUPT');
    assert.equal(await rejectionCode(analyzer.analyze(astronaut, 'image/jpeg')), 'TYPE_MISMATCH');
    assert.equal(await rejectionCode(analyzer.analyze(pngDeclaring(100_000, 100_000), 'image/png')), 'TOO_MANY_PIXELS');
    assert.equal(await rejectionCode(analyzer.analyze(Buffer.from('plain text'), 'image/png')), 'UNSUPPORTED_TYPE');
    const analysis = await analyzer.analyze(screenshot.png, 'image/png');
    const found = words(analysis.text?.text ?? '');
    for (const word of ['quarterly', 'marguerite', 'zanzibar', 'pistachio']) assert.ok(found.has(word), `${word} in ${analysis.text?.text}`);
    assert.equal(analyzer.liveWorkers, 1);
  });
});

describe('image analyzer with a small analysis size and a short idle time', () => {
  let analyzer: ImageAnalyzer;
  after(() => analyzer.close());

  it('gives boxes in pixels of the image as seen when it analysed a smaller copy', async () => {
    analyzer = openImageAnalyzer({ idleMs: 1000, decode: { ...defaultDecodeOptions, analysisMaxSidePx: 1280 } });
    const retina = await renderScreenshot(calendarHtml, { width: 1280, height: 720 }, 2);
    const analysis = await analyzer.analyze(retina.png, 'image/png', { objects: false, faces: false });
    assert.deepEqual([analysis.width, analysis.height], [2560, 1440]);
    const headline = analysis.text?.lines.find((line) => /marguerite/i.test(line.text));
    assert.ok(headline && retina.boxes.headline, analysis.text?.text);
    assert.ok(intersectionOverUnion(headline.box, retina.boxes.headline) > 0.5, `${JSON.stringify(headline.box)} against ${JSON.stringify(retina.boxes.headline)}`);
  });

  it('ends an idle worker, letting its models go, and loads them again for the next image', async () => {
    await eventually(async () => (analyzer.liveWorkers === 0 ? true : undefined), 'the idle image worker to end');
    const analysis = await analyzer.analyze(photo('page'), 'image/png', { objects: false, faces: false });
    assert.match(analysis.text?.text ?? '', /segmentation/i);
    assert.equal(analyzer.liveWorkers, 1);
  });
});
