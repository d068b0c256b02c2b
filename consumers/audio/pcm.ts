// Chunk bytes to the samples voice activity detection needs: 16 kHz mono float. Decoded here:
// raw PCM 16-bit little-endian and WAV (PCM 16-bit); compressed formats are refused by name.

export const vadSampleRate = 16_000;

export class AudioDecodeError extends Error {}

export interface ChunkFormat {
  encoding: string;
  sampleRateHz: number;
  channels: number;
}

/** The PCM payload of a WAV file, with the format its header declares. */
function unwrapWav(bytes: Uint8Array): { pcm: Uint8Array; sampleRateHz: number; channels: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || text(0) !== 'RIFF' || text(8) !== 'WAVE') throw new AudioDecodeError('not a WAV file (no RIFF/WAVE header)');
  let format: { sampleRateHz: number; channels: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = text(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      const audioFormat = view.getUint16(at + 8, true);
      const bits = view.getUint16(at + 22, true);
      if (audioFormat !== 1 || bits !== 16) throw new AudioDecodeError(`WAV must be PCM 16-bit, got format ${audioFormat} with ${bits} bits`);
      format = { channels: view.getUint16(at + 10, true), sampleRateHz: view.getUint32(at + 12, true) };
    }
    if (id === 'data') {
      if (!format) throw new AudioDecodeError('WAV data chunk before its fmt chunk');
      return { pcm: bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + size)), ...format };
    }
    at += 8 + size + (size % 2);
  }
  throw new AudioDecodeError('WAV without a data chunk');
}

/** Mono float samples at 16 kHz, or an AudioDecodeError that says what is wrong with the chunk. */
export function decodeChunk(bytes: Uint8Array, format: ChunkFormat): Float32Array {
  let pcm = bytes;
  let { sampleRateHz, channels } = format;
  if (format.encoding === 'WAV') {
    const wav = unwrapWav(bytes);
    if (wav.sampleRateHz !== format.sampleRateHz || wav.channels !== format.channels) {
      throw new AudioDecodeError(`the WAV header says ${wav.sampleRateHz} Hz × ${wav.channels}, the event says ${format.sampleRateHz} Hz × ${format.channels}`);
    }
    ({ pcm, sampleRateHz, channels } = wav);
  } else if (format.encoding !== 'PCM_S16LE') {
    throw new AudioDecodeError(`${format.encoding} audio is not decoded yet: send PCM_S16LE or WAV (16-bit PCM)`);
  }
  if (sampleRateHz !== vadSampleRate) throw new AudioDecodeError(`audio must be sampled at ${vadSampleRate} Hz, got ${sampleRateHz} Hz`);
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
