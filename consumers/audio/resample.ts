// Audio at any rate to the 16 kHz the speech models take, with libsamplerate (WebAssembly):
// phones record at 44.1 or 48 kHz, Opus always decodes to 48 kHz, telephony codecs give 8 kHz.
// A UMD bundle: Node's ESM loader sees only its default export.
import libsamplerate from '@alexanderolsen/libsamplerate-js';

const { ConverterType, create } = libsamplerate;

type Resampler = Awaited<ReturnType<typeof create>>;

const resamplers = new Map<string, Promise<Resampler>>();

/** Mono samples at fromHz as mono samples at toHz; each call is independent (libsamplerate's simple API). */
export async function resample(samples: Float32Array, fromHz: number, toHz: number): Promise<Float32Array> {
  if (fromHz === toHz || samples.length === 0) return samples;
  const key = `${fromHz}>${toHz}`;
  let resampler = resamplers.get(key);
  if (!resampler) resamplers.set(key, (resampler = create(1, fromHz, toHz, { converterType: ConverterType.SRC_SINC_FASTEST })));
  return (await resampler).simple(samples);
}
