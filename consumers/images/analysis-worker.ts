// The thread images are analysed in (started by image-analyzer.ts): its models load on the first
// image and stay until the pool ends the thread for being idle.
import { workerData } from 'node:worker_threads';
import { analyzeImage, imageModels, type AnalysisStages, type ImageAnalysis, type ModelSettings } from './analyze-image.ts';
import type { DecodeOptions } from './decode-image.ts';
import { serveJobs } from './worker-pool.ts';

export interface AnalysisJob {
  bytes: Uint8Array;
  declaredType?: string;
  decode: DecodeOptions;
  stages: AnalysisStages;
}

// The ModelSettings image-analyzer.ts starts this thread with.
const settings: ModelSettings = workerData;
const models = imageModels(settings);

serveJobs((job: AnalysisJob): Promise<ImageAnalysis> => analyzeImage(job.bytes, job.declaredType, models, job));
