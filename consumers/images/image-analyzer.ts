// What the image pipeline calls: analyses images (decoding, OCR, objects, faces) in a small pool of
// worker threads, so the calling thread's event loop never waits on them. Rejections keep their class
// and code across the thread boundary, so a consumer can dead-letter them with the reason.
import type { AnalysisJob } from './analysis-worker.ts';
import type { AnalysisStages, ImageAnalysis, ModelSettings } from './analyze-image.ts';
import { defaultObjectSuppression } from './centernet-detector.ts';
import { defaultDecodeOptions, type DecodeOptions } from './decode-image.ts';
import { reviveRejection } from './image-rejected.ts';
import { loadSharp } from './sharp-on-use.ts';
import { openWorkerPool } from './worker-pool.ts';

export interface ImageAnalyzerOptions extends ModelSettings {
  /** Worker threads, each analysing one image at a time with its own copy of the models. */
  workers: number;
  /** A worker idle this long ends, and its models' memory is freed; the next image loads them again. */
  idleMs: number;
  /** An analysis running longer than this (loading its worker's models included) fails, and its worker is replaced. */
  timeoutMs: number;
  decode: DecodeOptions;
}

const allStages: AnalysisStages = { text: true, objects: true, faces: true };

export const defaultImageAnalyzerOptions: ImageAnalyzerOptions = {
  workers: 1,
  threads: 1,
  idleMs: 5 * 60_000,
  timeoutMs: 2 * 60_000,
  maxFaces: 20,
  objectSuppression: defaultObjectSuppression,
  decode: defaultDecodeOptions,
};

export interface ImageAnalyzer {
  /**
   * The analysis of one image. Rejects with ImageRejected (and its code) for an image that can never
   * be analysed, and with another Error when analysing failed (a model did not load, a worker died,
   * it took too long), which may succeed on a retry.
   */
  analyze(bytes: Uint8Array, declaredType?: string, stages?: Partial<AnalysisStages>): Promise<ImageAnalysis>;
  /** Worker threads now started. */
  readonly liveWorkers: number;
  close(): Promise<void>;
}

export function openImageAnalyzer(overrides: Partial<ImageAnalyzerOptions> = {}): ImageAnalyzer {
  const options = { ...defaultImageAnalyzerOptions, ...overrides };
  const settings: ModelSettings = { threads: options.threads, maxFaces: options.maxFaces, objectSuppression: options.objectSuppression, ...(options.moondream ? { moondream: options.moondream } : {}) };
  const pool = openWorkerPool<AnalysisJob, ImageAnalysis>({
    entry: new URL('./analysis-worker.ts', import.meta.url),
    workerData: settings,
    size: options.workers,
    idleMs: options.idleMs,
    jobTimeoutMs: options.timeoutMs,
    work: 'image analysis',
    reviveError: reviveRejection,
  });
  return {
    async analyze(bytes, declaredType, stages = {}) {
      // A copy of exactly these bytes moves to the worker (a Buffer may be a view of a larger one).
      const copy = new Uint8Array(bytes);
      const job: AnalysisJob = { bytes: copy, decode: options.decode, stages: { ...allStages, ...stages }, ...(declaredType === undefined ? {} : { declaredType }) };
      // sharp is loaded in this thread before a worker loads it: on glibc Linux its shared libraries
      // must outlive every worker's use of them.
      await loadSharp();
      return pool.run(job, [copy.buffer]);
    },
    get liveWorkers() {
      return pool.liveWorkers;
    },
    close: () => pool.close(),
  };
}
