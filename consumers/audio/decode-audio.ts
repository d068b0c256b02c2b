// Chunk bytes to the samples voice activity detection needs: 16 kHz mono float. Raw PCM is read
// here; WAV and the compressed formats phones and browsers record (AAC in M4A or ADTS, Opus in Ogg
// or WebM, MP3, FLAC) are decoded by @audio/decode (WebAssembly decoders), and any sample rate is
// resampled. A compressed chunk must decode on its own: a whole file, or whole frames.
import decodeAudio, { type AudioData } from '@audio/decode';
import audioType from 'audio-type';
import { AudioDecodeError, pcm16ToFloat, vadSampleRate } from './pcm.ts';
import { resample } from './resample.ts';

export interface ChunkFormat {
  encoding: string;
  sampleRateHz: number;
  channels: number;
}

/** The containers (as audio-type names them) each declared encoding may arrive in. */
const containersOf: Record<string, readonly string[]> = {
  WAV: ['wav'],
  AAC: ['m4a', 'aac'],
  OPUS: ['opus', 'webm'],
  MP3: ['mp3'],
  FLAC: ['flac'],
};

const downmix = (channels: readonly Float32Array[]): Float32Array => {
  const [first, ...rest] = channels;
  if (!first) return new Float32Array(0);
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  for (let i = 0; i < mono.length; i++) mono[i] = channels.reduce((sum, channel) => sum + (channel[i] ?? 0), 0) / channels.length;
  return mono;
};

async function decodeContainer(bytes: Uint8Array, format: ChunkFormat): Promise<{ samples: Float32Array; sampleRateHz: number }> {
  const accepted = containersOf[format.encoding];
  if (!accepted) throw new AudioDecodeError(`${format.encoding} audio is not decoded: send PCM_S16LE, WAV, AAC, OPUS, MP3 or FLAC`);
  const found = audioType(bytes);
  if (!found) throw new AudioDecodeError(`the ${format.encoding} chunk is not audio this server knows (expected ${accepted.join(' or ')}): it is cut or of another kind`);
  if (!accepted.includes(found)) throw new AudioDecodeError(`the chunk says ${format.encoding} but its bytes are ${found}`);
  let decoded: AudioData;
  try {
    decoded = await decodeAudio(bytes);
  } catch (error) {
    throw new AudioDecodeError(`the ${format.encoding} chunk (${found}) does not decode: ${(error as Error).message}`);
  }
  if (format.encoding === 'WAV' && (decoded.sampleRate !== format.sampleRateHz || decoded.channelData.length !== format.channels)) {
    throw new AudioDecodeError(`the WAV header says ${decoded.sampleRate} Hz × ${decoded.channelData.length}, the event says ${format.sampleRateHz} Hz × ${format.channels}`);
  }
  const samples = downmix(decoded.channelData);
  if (samples.length === 0) throw new AudioDecodeError(`the ${format.encoding} chunk (${found}) holds no audio`);
  return { samples, sampleRateHz: decoded.sampleRate };
}

/** Mono float samples at 16 kHz, or an AudioDecodeError that says what is wrong with the chunk. */
export async function decodeChunk(bytes: Uint8Array, format: ChunkFormat): Promise<Float32Array> {
  const { samples, sampleRateHz } =
    format.encoding === 'PCM_S16LE' ? { samples: pcm16ToFloat(bytes, format.channels), sampleRateHz: format.sampleRateHz } : await decodeContainer(bytes, format);
  return resample(samples, sampleRateHz, vadSampleRate);
}
