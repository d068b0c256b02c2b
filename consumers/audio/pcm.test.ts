import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AudioDecodeError, decodeChunk, encodeWav } from './pcm.ts';

const pcm = (...values: number[]) => {
  const bytes = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => bytes.writeInt16LE(v, i * 2));
  return bytes;
};

describe('audio chunk decoding', () => {
  it('reads 16-bit PCM, mixing channels down to mono', () => {
    assert.deepEqual([...decodeChunk(pcm(16_384, -16_384), { encoding: 'PCM_S16LE', sampleRateHz: 16_000, channels: 1 })], [0.5, -0.5]);
    assert.deepEqual([...decodeChunk(pcm(16_384, 0), { encoding: 'PCM_S16LE', sampleRateHz: 16_000, channels: 2 })], [0.25]);
  });

  it('reads the WAV it writes, and checks the header against the event', () => {
    const wav = encodeWav(Float32Array.from([0.5, -0.25, 0]));
    assert.deepEqual([...decodeChunk(wav, { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 })], [0.5, -0.25, 0]);
    assert.throws(() => decodeChunk(wav, { encoding: 'WAV', sampleRateHz: 16_000, channels: 2 }), /the WAV header says 16000 Hz × 1, the event says 16000 Hz × 2/);
    assert.throws(() => decodeChunk(pcm(1, 2), { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 }), /not a WAV file/);
  });

  it('refuses what it cannot decode, saying why', () => {
    const refuses = (bytes: Uint8Array, format: Parameters<typeof decodeChunk>[1], pattern: RegExp) =>
      assert.throws(() => decodeChunk(bytes, format), (e: unknown) => e instanceof AudioDecodeError && pattern.test(e.message));
    refuses(pcm(1), { encoding: 'MP3', sampleRateHz: 16_000, channels: 1 }, /MP3 audio is not decoded yet/);
    refuses(pcm(1), { encoding: 'PCM_S16LE', sampleRateHz: 48_000, channels: 1 }, /must be sampled at 16000 Hz, got 48000 Hz/);
    refuses(Buffer.from([1, 2, 3]), { encoding: 'PCM_S16LE', sampleRateHz: 16_000, channels: 1 }, /3 bytes is not a whole number of 16-bit frames/);
  });
});
