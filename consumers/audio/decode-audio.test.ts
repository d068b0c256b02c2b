// Decoding chunks as devices send them: raw PCM, WAV, and speech re-recorded by ffmpeg as AAC, Opus,
// MP3 and FLAC at 48 kHz stereo, all coming out as the same 16 kHz mono speech; and clear refusals.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { encodeSpeech, makeSpeech, type RecordedFormat, type Speech } from '../../test/fixtures/speech.ts';
import { decodeChunk, type ChunkFormat } from './decode-audio.ts';
import { AudioDecodeError, encodeWav, pcm16ToFloat } from './pcm.ts';

const pcm = (...values: number[]) => {
  const bytes = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => bytes.writeInt16LE(v, i * 2));
  return bytes;
};
const mono16k = (encoding: string): ChunkFormat => ({ encoding, sampleRateHz: 16_000, channels: 1 });

/** Loudness per 50 ms window: what VAD and recognition hear, blind to codec phase and noise shaping. */
function envelope(samples: Float32Array): number[] {
  const window = 800;
  const out: number[] = [];
  for (let at = 0; at + window <= samples.length; at += window) {
    let sum = 0;
    for (let i = at; i < at + window; i++) sum += samples[i]! ** 2;
    out.push(Math.sqrt(sum / window));
  }
  return out;
}

function correlation(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  const mean = (x: number[]) => x.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

const rejects = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (e: unknown) => e instanceof AudioDecodeError && pattern.test(e.message));

describe('audio chunk decoding', () => {
  let speech: Speech;
  before(() => {
    speech = makeSpeech([{ silence: 0.5 }, { say: 'the quick brown fox jumps over the lazy dog' }, { silence: 0.7 }]);
  });

  it('reads 16-bit PCM, mixing channels down to mono', async () => {
    assert.deepEqual([...(await decodeChunk(pcm(16_384, -16_384), mono16k('PCM_S16LE')))], [0.5, -0.5]);
    assert.deepEqual([...(await decodeChunk(pcm(16_384, 0), { encoding: 'PCM_S16LE', sampleRateHz: 16_000, channels: 2 }))], [0.25]);
  });

  it('reads the WAV it writes, and checks the header against the event', async () => {
    const wav = encodeWav(Float32Array.from([0.5, -0.25, 0]));
    const decoded = [...(await decodeChunk(wav, mono16k('WAV')))];
    [0.5, -0.25, 0].forEach((expected, i) => assert.ok(Math.abs(decoded[i]! - expected) < 1e-4, `sample ${i}: ${decoded[i]}`));
    await rejects(decodeChunk(wav, { encoding: 'WAV', sampleRateHz: 16_000, channels: 2 }), /the WAV header says 16000 Hz × 1, the event says 16000 Hz × 2/);
  });

  it('resamples PCM recorded at 48 kHz to the same speech at 16 kHz', async () => {
    const original = pcm16ToFloat(speech.pcm, 1);
    const at48k = encodeSpeech(speech.pcm, 'WAV', 48_000, 1).subarray(44);
    const decoded = await decodeChunk(at48k, { encoding: 'PCM_S16LE', sampleRateHz: 48_000, channels: 1 });
    assert.ok(Math.abs(decoded.length - original.length) <= 16, `${decoded.length} samples, expected ${original.length}`);
    assert.ok(correlation(envelope(decoded), envelope(original)) > 0.99);
  });

  const recorded: [RecordedFormat, string][] = [['AAC', 'AAC'], ['OPUS', 'OPUS'], ['OPUS_WEBM', 'OPUS'], ['MP3', 'MP3'], ['FLAC', 'FLAC']];
  for (const [format, encoding] of recorded) {
    it(`decodes ${format} at 48 kHz stereo to the same 16 kHz mono speech`, async () => {
      const original = pcm16ToFloat(speech.pcm, 1);
      const decoded = await decodeChunk(encodeSpeech(speech.pcm, format), { encoding, sampleRateHz: 48_000, channels: 2 });
      // Encoders add priming and pad to whole frames: at most a few frames more.
      assert.ok(decoded.length >= original.length - 160 && decoded.length <= original.length + 3_200, `${decoded.length} samples, expected about ${original.length}`);
      const r = correlation(envelope(decoded), envelope(original));
      assert.ok(r > 0.9, `loudness correlates ${r.toFixed(3)} with the original`);
    });
  }

  it('refuses what it cannot decode, saying why', async () => {
    await rejects(decodeChunk(encodeSpeech(speech.pcm, 'MP3'), mono16k('OPUS')), /the chunk says OPUS but its bytes are mp3/);
    await rejects(decodeChunk(Buffer.alloc(4_000, 7), mono16k('AAC')), /the AAC chunk is not audio this server knows \(expected m4a or aac\)/);
    await rejects(decodeChunk(pcm(1, 2), mono16k('WAV')), /the WAV chunk is not audio this server knows/);
    await rejects(decodeChunk(Buffer.from([1, 2, 3]), mono16k('PCM_S16LE')), /3 bytes is not a whole number of 16-bit frames/);
    await rejects(decodeChunk(pcm(1), mono16k('AMR')), /AMR audio is not decoded/);
  });
});
