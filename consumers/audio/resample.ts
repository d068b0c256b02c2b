// Audio at any rate to the 16 kHz the speech models take, with libsamplerate (WebAssembly):
// phones record at 44.1 or 48 kHz, Opus always decodes to 48 kHz, telephony codecs give 8 kHz.
// Its WebAssembly (about 14 MB resident) is loaded with the first resampling, not at start.
import { createRequire } from 'node:module';
import type * as LibSampleRate from '@alexanderolsen/libsamplerate-js';

type Resampler = Awaited<ReturnType<typeof LibSampleRate.create>>;

let libsamplerate: typeof LibSampleRate | undefined;
// A UMD bundle: `await import()` gives plain Node only its default export and tsx only its named
// ones; require() gives both the same module.exports.
const loadLibSampleRate = (): typeof LibSampleRate => (libsamplerate ??= createRequire(import.meta.url)('@alexanderolsen/libsamplerate-js'));

const resamplers = new Map<string, Promise<Resampler>>();

/** Mono samples at fromHz as mono samples at toHz; each call is independent (libsamplerate's simple API). */
export async function resample(samples: Float32Array, fromHz: number, toHz: number): Promise<Float32Array> {
  if (fromHz === toHz || samples.length === 0) return samples;
  const key = `${fromHz}>${toHz}`;
  let resampler = resamplers.get(key);
  if (!resampler) {
    const { ConverterType, create } = loadLibSampleRate();
    resamplers.set(key, (resampler = create(1, fromHz, toHz, { converterType: ConverterType.SRC_SINC_FASTEST })));
  }
  return (await resampler).simple(samples);
}
