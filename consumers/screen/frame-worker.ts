// The thread keyframes are analysed in (started by frame-analyzer.ts): the image pipeline's models
// (OCR, the COCO detector) and OpenCV load on the first frame and stay until the pool ends the
// thread for being idle.
import { workerData } from 'node:worker_threads';
import { imageModels, type ModelSettings } from '../images/analyze-image.ts';
import { serveJobs } from '../images/worker-pool.ts';
import { analyzeFrame, type FrameAnalysis, type FrameJob } from './analyze-frame.ts';

const settings: ModelSettings = workerData;
const models = imageModels(settings);

serveJobs((job: FrameJob): Promise<FrameAnalysis> => analyzeFrame(job, models));
