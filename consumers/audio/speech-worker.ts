// The thread speech is recognized in (started by speech-in-worker.ts): its model loads with the first
// segment and goes with the thread when the pool ends it for being idle, all its native memory with it.
import { workerData } from 'node:worker_threads';
import type { Recognition, SpeechRecognizer } from './recognizer.ts';
import { loadSherpaRecognizer, type SpeechModel, type SpeechProvider } from './sherpa-recognizer.ts';
import { serveJobs } from '../images/worker-pool.ts';

export interface SpeechWorkerSettings {
  model: SpeechModel;
  language: string;
  provider: SpeechProvider;
}

export interface SpeechJob {
  /** 16 kHz mono samples. */
  samples: Float32Array;
}

// The SpeechWorkerSettings speech-in-worker.ts starts this thread with.
const settings: SpeechWorkerSettings = workerData;
let recognizer: Promise<SpeechRecognizer> | undefined;

serveJobs(async (job: SpeechJob): Promise<Recognition> => {
  recognizer ??= loadSherpaRecognizer(settings.model, settings.language, settings.provider).catch((error: unknown) => {
    recognizer = undefined;
    throw error;
  });
  return (await recognizer).recognize(job.samples);
});
