// Speech-to-text in a worker thread (speech-worker.ts): sherpa-onnx frees a model only when the
// garbage collector takes it, which an idle process may never run; ending the thread frees it for sure.
import { openWorkerPool } from '../images/worker-pool.ts';
import type { Recognition, SpeechRecognizer } from './recognizer.ts';
import type { SpeechJob, SpeechWorkerSettings } from './speech-worker.ts';

/** Loading Whisper or Parakeet, then one segment of at most 30 s, on a slow, busy machine. */
const recognitionTimeoutMs = 5 * 60_000;

export async function openSpeechWorker(settings: SpeechWorkerSettings, idleMs: number): Promise<SpeechRecognizer> {
  const pool = openWorkerPool<SpeechJob, Recognition>({
    entry: new URL('./speech-worker.ts', import.meta.url),
    workerData: settings,
    size: 1,
    idleMs,
    jobTimeoutMs: recognitionTimeoutMs,
    work: 'speech recognition',
  });
  return {
    model: settings.model.name,
    recognize(samples) {
      // A copy of exactly these samples moves to the worker (they may be a view of a larger buffer).
      const copy = new Float32Array(samples);
      return pool.run({ samples: copy }, [copy.buffer]);
    },
    release: () => pool.close(),
  };
}
