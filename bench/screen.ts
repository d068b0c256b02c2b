// `npm run bench:screen`: sustained keyframes per second through the screen consumer's frame
// analyzer (one worker thread, frames chained as a session: each compared with the one before),
// p50/p95 of each stage as the worker measured it, the share of frames whose OCR was skipped because
// nothing changed, and the bare sessions (Farneback flow, CenterNet, PP-OCRv4) timed in this thread
// in the same run.
import { Command } from 'commander';
import sharp from 'sharp';
import type { FrameAnalysis } from '../consumers/screen/analyze-frame.ts';
import { grayWidthPx } from '../consumers/screen/analyze-frame.ts';
import { openFrameAnalyzer } from '../consumers/screen/frame-analyzer.ts';
import type { GrayFrame } from '../consumers/screen/frame-difference.ts';
import { loadOpenCv } from '../consumers/screen/opencv.ts';
import { denseFlow } from '../consumers/screen/optical-flow.ts';
import { defaultDecodeOptions } from '../consumers/images/decode-image.ts';
import { loadHuman } from '../consumers/images/human.ts';
import { loadTextRecognizer } from '../consumers/images/text-recognizer.ts';
import type { TextLine } from '../consumers/images/text-recognizer.ts';
import { renderSession, sessionScript } from '../test/fixtures/screen-session.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';

const options = new Command('bench:screen')
  .description('Measures keyframe analysis (decode, compare, flow, objects, OCR) as a session through its worker, and the bare sessions beside it.')
  .option('--loops <n>', 'times the 10-frame scripted session (moving window, changed text, still period, scene cut) is run through', positiveInteger, 3)
  .option('--still <n>', 'unchanged frames added after each loop, as a screen mostly is', positiveInteger, 10)
  .option('--bare-runs <n>', 'runs of each bare session', positiveInteger, 5)
  .parse()
  .opts<{ loops: number; still: number; bareRuns: number }>();

const rendered = await renderSession(sessionScript(40));
const loop = [...rendered.map((frame) => frame.png), ...Array.from({ length: options.still }, () => rendered.at(-1)!.png)];
const frames = Array.from({ length: options.loops }, () => loop).flat();

const analyzer = openFrameAnalyzer({ workers: 1, decode: defaultDecodeOptions, detector: { kind: 'centernet' } });
const results: FrameAnalysis[] = [];
let previous: GrayFrame | undefined;
let lines: TextLine[] = [];
let firstMs = 0;
const started = performance.now();
for (const [index, bytes] of frames.entries()) {
  const at = performance.now();
  const analysis = await analyzer.analyze(bytes, 'image/png', previous, lines);
  if (index === 0) firstMs = performance.now() - at;
  previous = analysis.gray;
  lines = analysis.textLines;
  results.push(analysis);
}
const sustainedS = (performance.now() - started - firstMs) / 1000;
await analyzer.close();

const steady = results.slice(1);
const stages = ['decode', 'compare', 'flow', 'objects', 'ocr', 'total'] as const;
const skipped = results.filter((r) => r.ocr === 'SKIPPED').length;
const fps = steady.length / sustainedS;

console.log(machineLine());
console.log(`frames: ${frames.length} (1280×720 PNG; ${options.loops} × [10 scripted + ${options.still} unchanged]); first frame (models loading) ${(firstMs / 1000).toFixed(1)} s`);
console.log(`sustained: ${fps.toFixed(2)} frames/s on one worker thread; at screenpipe's 1 frame/s per screen, one core keeps up with ${fps.toFixed(2)} screens of this mix (more screens are sampled, never queued without bound)`);
console.log(`OCR skipped because nothing changed: ${skipped} of ${results.length} frames (${((100 * skipped) / results.length).toFixed(0)}%)`);
console.log('');
console.log('| stage, in the worker | frames that ran it | p50 ms | p95 ms |');
console.log('|---|---:|---:|---:|');
for (const stage of stages) {
  const values = steady.flatMap((r) => (r.timingsMs[stage] === undefined ? [] : [r.timingsMs[stage]]));
  if (values.length > 0) console.log(`| ${stage} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} |`);
}

// The bare sessions, in this thread, on the same frames.
const gray = async (bytes: Buffer): Promise<GrayFrame> => {
  const { data, info } = await sharp(bytes).resize({ width: grayWidthPx }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
};
const rgb = async (bytes: Buffer) => {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
};
const timedRuns = async (run: () => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < options.bareRuns; i++) {
    const at = performance.now();
    await run();
    ms.push(performance.now() - at);
  }
  return ms;
};
const cv = await loadOpenCv();
const [a, b] = [await gray(rendered[1]!.png), await gray(rendered[2]!.png)];
const human = await loadHuman({ maxFaces: 20 });
const recognizer = await loadTextRecognizer(1);
const frame = await rgb(rendered[5]!.png);
const bare: [string, number[]][] = [
  [`Farneback flow ${a.width}×${a.height}`, await timedRuns(async () => denseFlow(cv, a, b))],
  ['CenterNet 1280×720 (Human, WebAssembly)', await timedRuns(() => human.detect(frame, 'objects'))],
  ['PP-OCRv4 whole 1280×720 frame', await timedRuns(() => recognizer.recognize(frame))],
];
console.log('');
console.log('| bare session, same run | p50 ms | p95 ms |');
console.log('|---|---:|---:|');
for (const [name, ms] of bare) console.log(`| ${name} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 95).toFixed(0)} |`);
process.exit(0);
