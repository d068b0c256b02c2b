// OCR on PP-OCRv4's real weights: a scanned page, a screenshot with known text rendered by Chromium
// (at two pixel densities), and a photo without text; boxes land on the text in the image's pixels.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { photo } from '../../test/fixtures/photos.ts';
import { calendarHtml, renderScreenshot, type Screenshot } from '../../test/fixtures/screenshot.ts';
import { intersectionOverUnion } from './boxes.ts';
import { decodeImage } from './decode-image.ts';
import { loadTextRecognizer, textLines, type RecognizedText, type TextRecognizer } from './text-recognizer.ts';

let recognizer: TextRecognizer;

const read = async (bytes: Uint8Array): Promise<RecognizedText> => recognizer.recognize((await decodeImage(bytes, undefined)).pixels);

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u);

function assertHasWords(text: string, expected: string[]) {
  const found = new Set(words(text));
  const missing = expected.filter((word) => !found.has(word));
  assert.deepEqual(missing, [], `missing from the text read:\n${text}`);
}

describe('text recognition', () => {
  let screenshot: Screenshot;
  before(async () => {
    recognizer = await loadTextRecognizer(1);
    screenshot = await renderScreenshot(calendarHtml);
  });

  it('reads a scanned page line by line, top to bottom', async () => {
    const { lines, text } = await read(photo('page'));
    assertHasWords(text, ['region', 'based', 'segmentation', 'markers', 'coins', 'background', 'histogram']);
    assert.match(lines[0]?.text ?? '', /region-based segmentation/i);
    for (const [above, below] of lines.slice(0, -1).map((line, i) => [line, lines[i + 1]!] as const)) assert.ok(above.box.y < below.box.y, `${above.text} is above ${below.text}`);
    for (const line of lines) {
      assert.ok(line.confidence >= 0.5 && line.confidence <= 1, `${line.text}: ${line.confidence}`);
      assert.ok(line.box.x >= 0 && line.box.x + line.box.width <= 384 && line.box.y + line.box.height <= 191, JSON.stringify(line.box));
    }
  });

  it('finds the known text of a screenshot where Chromium drew it', async () => {
    const { lines, text } = await read(screenshot.png);
    assertHasWords(text, ['lifestream', 'quarterly', 'budget', 'marguerite', 'zanzibar', 'pistachio', 'spreadsheet', 'october']);
    const headline = lines.find((line) => /marguerite/i.test(line.text));
    assert.ok(headline && screenshot.boxes.headline);
    assert.ok(intersectionOverUnion(headline.box, screenshot.boxes.headline) > 0.5, `${JSON.stringify(headline.box)} against ${JSON.stringify(screenshot.boxes.headline)}`);
  });

  it('finds no text in a photo of a cat', async () => {
    assert.deepEqual(await read(photo('cat')), { lines: [], text: '' });
  });
});

describe('loading the text recognizer', () => {
  it('refuses a thread whose arrays have enumerable extras, naming them', async () => {
    Object.defineProperty(Array.prototype, 'sample', { value: () => undefined, enumerable: true, configurable: true });
    try {
      await assert.rejects(loadTextRecognizer(1), /arrays in this thread have enumerable extras \(sample\).*run OCR in a worker thread/);
    } finally {
      Reflect.deleteProperty(Array.prototype, 'sample');
    }
  });
});

describe("the library's lines", () => {
  it('keeps lines with text and a box, trimmed, with the box around their corners cut to the image', () => {
    const lines = [
      { text: ' Hello world ', mean: 0.98765, box: [[10, 10], [110, 12], [110, 30], [10, 28]] },
      { text: '   ', mean: 0.9, box: [[0, 0], [1, 0], [1, 1], [0, 1]] },
      { text: 'no box', mean: 0.9 },
      { text: 'edge', mean: 0.7, box: [[300, 40], [330, 40], [330, 60], [300, 60]] },
    ];
    assert.deepEqual(textLines(lines, 320, 240), {
      lines: [
        { text: 'Hello world', confidence: 0.988, box: { x: 10, y: 10, width: 100, height: 20 } },
        { text: 'edge', confidence: 0.7, box: { x: 300, y: 40, width: 20, height: 20 } },
      ],
      text: 'Hello world\nedge',
    });
  });
});
