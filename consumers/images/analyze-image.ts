// One image's whole analysis, in whichever thread calls it (image-analyzer.ts runs it in worker
// threads): decode, then text, objects and faces, and in-process Moondream's caption when
// configured, each timed, every box in pixels of the image as seen. Each model loads on first use
// and stays for the next image.
import { scaleBox, type Box } from './boxes.ts';
import { centernetDetector } from './centernet-detector.ts';
import { decodeImage, type DecodeOptions, type DecodedImage } from './decode-image.ts';
import { humanFaceFinder, type Face, type FaceFinder } from './faces.ts';
import { loadHuman, type LoadedHuman } from './human.ts';
import { localMoondreamCaptioner, type LocalCaption } from './moondream-local-caption.ts';
import type { LocalMoondreamSettings } from './moondream-local-settings.ts';
import type { SuppressionOptions } from './non-max-suppression.ts';
import type { DetectedObject, ObjectDetector } from './object-detector.ts';
import type { RgbImage } from './rgb-image.ts';
import { loadTextRecognizer, type RecognizedText, type TextRecognizer } from './text-recognizer.ts';

export interface AnalysisStages {
  text: boolean;
  objects: boolean;
  faces: boolean;
}

export interface ModelSettings {
  /** Threads each ONNX session may use (the OCR models); Human's WebAssembly runs on one. */
  threads: number;
  maxFaces: number;
  objectSuppression: SuppressionOptions;
  /** In-process Moondream, which captions every image when set. */
  moondream?: LocalMoondreamSettings;
}

export interface ImageAnalysis extends Omit<DecodedImage, 'pixels' | 'pixelScale'> {
  /** Present when the stage ran. */
  text?: RecognizedText;
  objects?: DetectedObject[];
  faces?: Face[];
  /** In-process Moondream's caption, or why there is none; present when it is configured. */
  caption?: LocalCaption;
  /** Which model gave each result. */
  models: Partial<Record<keyof AnalysisStages, string>>;
  /** Milliseconds each stage took on this image; loading a model is not in its stage but is in total. */
  timingsMs: { decode: number; text?: number; objects?: number; faces?: number; caption?: number; total: number };
}

/** The models of one thread, each loaded when first asked for. */
export interface ImageModels {
  textRecognizer(): Promise<TextRecognizer>;
  objectDetector(): Promise<ObjectDetector>;
  faceFinder(): Promise<FaceFinder>;
  /** Present when in-process Moondream is configured; never rejects. */
  caption?: (image: RgbImage) => Promise<LocalCaption>;
}

/** Loads on the first call and hands every caller the same load. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    // A failed load is tried again by the next image rather than remembered.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

export function imageModels(settings: ModelSettings): ImageModels {
  const human = once<LoadedHuman>(() => loadHuman({ maxFaces: settings.maxFaces }));
  return {
    textRecognizer: once(() => loadTextRecognizer(settings.threads)),
    objectDetector: once(async () => centernetDetector(await human(), settings.objectSuppression)),
    faceFinder: once(async () => humanFaceFinder(await human())),
    ...(settings.moondream ? { caption: localMoondreamCaptioner(settings.moondream, settings.threads) } : {}),
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: Math.round(performance.now() - started) };
}

export async function analyzeImage(
  bytes: Uint8Array,
  declaredType: string | undefined,
  models: ImageModels,
  options: { decode: DecodeOptions; stages: AnalysisStages },
): Promise<ImageAnalysis> {
  const started = performance.now();
  const decoded = await timed(() => decodeImage(bytes, declaredType, options.decode));
  const { pixels, pixelScale, ...image } = decoded.value;
  const asSeen = <T extends { box: Box }>(found: T): T => ({ ...found, box: scaleBox(found.box, pixelScale, image.width, image.height) });
  const analysis: ImageAnalysis = { ...image, models: {}, timingsMs: { decode: decoded.ms, total: 0 } };
  if (options.stages.text) {
    const recognizer = await models.textRecognizer();
    const { value, ms } = await timed(() => recognizer.recognize(pixels));
    analysis.text = { ...value, lines: value.lines.map(asSeen) };
    analysis.models.text = recognizer.model;
    analysis.timingsMs.text = ms;
  }
  if (options.stages.objects) {
    const detector = await models.objectDetector();
    const { value, ms } = await timed(() => detector.detectObjects(pixels));
    analysis.objects = value.map(asSeen);
    analysis.models.objects = detector.model;
    analysis.timingsMs.objects = ms;
  }
  if (options.stages.faces) {
    const finder = await models.faceFinder();
    const { value, ms } = await timed(() => finder.findFaces(pixels));
    analysis.faces = value.map(asSeen);
    analysis.models.faces = finder.model;
    analysis.timingsMs.faces = ms;
  }
  const { caption } = models;
  if (caption) {
    const { value, ms } = await timed(() => caption(pixels));
    analysis.caption = value;
    analysis.timingsMs.caption = ms;
  }
  analysis.timingsMs.total = Math.round(performance.now() - started);
  return analysis;
}
