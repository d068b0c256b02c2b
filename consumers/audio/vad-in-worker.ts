// The Silero VAD in a worker thread (vad-worker.ts), so that inference never runs on the event loop
// that serves ingest, and so that ending the thread frees the ONNX session for sure: released in the
// process, its memory waited for the garbage collector, which an idle process may never run.
import { openWorkerPool } from '../images/worker-pool.ts';
import { sileroModelName, type HeardFrames, type SileroVad } from './silero-vad.ts';
import type { VadJob } from './vad-worker.ts';

/** Loading the model, then a chunk of at most 10 minutes, on a slow, busy machine. */
const chunkTimeoutMs = 5 * 60_000;

export interface SileroVadInWorker extends SileroVad {
  /** 1 while its worker is started, 0 once it ended (idle, or released). */
  readonly liveWorkers: number;
}

export function openSileroVadWorker(idleMs: number): SileroVadInWorker {
  const pool = openWorkerPool<VadJob, HeardFrames>({
    entry: new URL('./vad-worker.ts', import.meta.url),
    workerData: null,
    size: 1,
    idleMs,
    jobTimeoutMs: chunkTimeoutMs,
    work: 'voice activity detection',
  });
  return {
    model: sileroModelName,
    frames(samples, state) {
      // The samples move to the worker, not a copy of them, unless they are a view of a larger (or shared)
      // buffer, which must stay whole here. The state is 1 KB: copied, so the caller's stays readable.
      const whole = samples.buffer instanceof ArrayBuffer && samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength;
      const moved = whole ? new Float32Array(samples.buffer) : new Float32Array(samples);
      return pool.run({ samples: moved, state }, [moved.buffer]);
    },
    get liveWorkers() {
      return pool.liveWorkers;
    },
    release: () => pool.close(),
  };
}
