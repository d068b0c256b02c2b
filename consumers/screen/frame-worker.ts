// The thread keyframes are analysed in (started by frame-analyzer.ts): the image pipeline's OCR, the
// object detector chosen by LIFESTREAM_SCREEN_DETECTOR and OpenCV load on the first frame and stay
// until the pool ends the thread for being idle.
import { workerData } from 'node:worker_threads';
import { imageModels, once, type ImageModels, type ModelSettings } from '../images/analyze-image.ts';
import { serveJobs } from '../images/worker-pool.ts';
import { analyzeFrame, type FrameAnalysis, type FrameJob } from './analyze-frame.ts';
import { loadYoloDetector, type ScreenDetector } from './screen-detector.ts';

export interface FrameWorkerSettings {
  models: ModelSettings;
  detector: ScreenDetector;
}

const { models: settings, detector }: FrameWorkerSettings = workerData;
const imageModelsOfThread = imageModels(settings);
const models: ImageModels =
  detector.kind === 'centernet' ? imageModelsOfThread : { ...imageModelsOfThread, objectDetector: once(() => loadYoloDetector(detector, settings.threads, settings.objectSuppression)) };

serveJobs((job: FrameJob): Promise<FrameAnalysis> => analyzeFrame(job, models));
