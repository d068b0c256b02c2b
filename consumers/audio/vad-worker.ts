// The thread the Silero VAD runs in (started by vad-in-worker.ts): its ONNX session loads with the
// first chunk and goes with the thread when the pool ends it for being idle, its native memory with it.
import { serveJobs } from '../images/worker-pool.ts';
import { loadSileroVad, type HeardFrames, type RnnState, type SileroVad } from './silero-vad.ts';

export interface VadJob {
  /** 16 kHz mono samples: a chunk's whole frames. */
  samples: Float32Array;
  /** The recording's state before them: it lives with the recording (in the cache), not in this thread. */
  state: RnnState;
}

let vad: Promise<SileroVad> | undefined;

serveJobs(async (job: VadJob): Promise<HeardFrames> => {
  vad ??= loadSileroVad().catch((error: unknown) => {
    vad = undefined;
    throw error;
  });
  return (await vad).frames(job.samples, job.state);
});
