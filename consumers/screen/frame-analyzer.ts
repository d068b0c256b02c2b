// What the screen consumer calls: analyses keyframes in a small pool of worker threads (as images
// are analysed), so no event loop waits on decoding, flow, detection or OCR. A frame that can never
// be analysed rejects with ImageRejected and its code.
import { defaultImageAnalyzerOptions } from '../images/image-analyzer.ts';
import { reviveRejection } from '../images/image-rejected.ts';
import { loadSharp } from '../images/sharp-on-use.ts';
import type { ModelSettings } from '../images/analyze-image.ts';
import type { DecodeOptions } from '../images/decode-image.ts';
import type { TextLine } from '../images/text-recognizer.ts';
import { openWorkerPool } from '../images/worker-pool.ts';
import type { FrameAnalysis, FrameJob } from './analyze-frame.ts';
import type { GrayFrame } from './frame-difference.ts';
import type { FrameWorkerSettings } from './frame-worker.ts';
import type { ScreenDetector } from './screen-detector.ts';

export interface FrameAnalyzerOptions {
  workers: number;
  /** A worker idle this long ends, and its models' memory is freed; the next keyframe loads them again. */
  idleMs?: number;
  decode: DecodeOptions;
  detector: ScreenDetector;
}

export interface FrameAnalyzer {
  analyze(bytes: Uint8Array, declaredType: string | undefined, previous: GrayFrame | undefined, previousLines: TextLine[]): Promise<FrameAnalysis>;
  close(): Promise<void>;
}

export function openFrameAnalyzer(options: FrameAnalyzerOptions): FrameAnalyzer {
  const { threads, maxFaces, objectSuppression, timeoutMs } = defaultImageAnalyzerOptions;
  const idleMs = options.idleMs ?? defaultImageAnalyzerOptions.idleMs;
  const models: ModelSettings = { threads, maxFaces, objectSuppression };
  const settings: FrameWorkerSettings = { models, detector: options.detector };
  const pool = openWorkerPool<FrameJob, FrameAnalysis>({
    entry: new URL('./frame-worker.ts', import.meta.url),
    workerData: settings,
    size: options.workers,
    idleMs,
    jobTimeoutMs: timeoutMs,
    work: 'keyframe analysis',
    reviveError: reviveRejection,
  });
  return {
    async analyze(bytes, declaredType, previous, previousLines) {
      const copy = new Uint8Array(bytes);
      const job: FrameJob = { bytes: copy, decode: options.decode, previousLines, ...(previous ? { previous } : {}), ...(declaredType === undefined ? {} : { declaredType }) };
      // Loaded in this thread before a worker loads it, as image-analyzer.ts does.
      await loadSharp();
      return pool.run(job, [copy.buffer]);
    },
    close: () => pool.close(),
  };
}
