// 16-bit PCM, the sample format the speech models work in, read and written: raw interleaved PCM
// to mono float, and mono float to the WAV files speech segments are kept as.

export const vadSampleRate = 16_000;

export class AudioDecodeError extends Error {}

/** Interleaved signed 16-bit little-endian PCM as mono float samples. */
export function pcm16ToFloat(pcm: Uint8Array, channels: number): Float32Array {
  if (pcm.length % (2 * channels) !== 0) throw new AudioDecodeError(`${pcm.length} bytes is not a whole number of 16-bit frames of ${channels} channel(s): the chunk is cut or not PCM`);
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const frames = pcm.length / (2 * channels);
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += view.getInt16((i * channels + c) * 2, true);
    samples[i] = sum / channels / 32_768;
  }
  return samples;
}

/** A mono 16-bit WAV file of the samples. */
export function encodeWav(samples: Float32Array, sampleRateHz = vadSampleRate): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.max(-32_768, Math.min(32_767, Math.round(s * 32_768))), true));
  return bytes;
}
