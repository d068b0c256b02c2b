// `npm run bench:audio`: real-time factors on this machine: the Silero VAD model alone, frame by
// frame; the VAD consumer (decoding, state in the cache, segment WAVs into the blob store); and the
// installed speech-to-text model over the segments it found; on espeak-ng speech, silence and noise.
import { Command } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlobDirectory } from '../db/blob-directory.ts';
import type { BlobStore } from '../db/blob-store.ts';
import { loadConfig } from '../schema/config.ts';
import { installedSpeechModel, loadSherpaRecognizer, missingSpeechModel } from '../consumers/audio/sherpa-recognizer.ts';
import { openInMemoryCache } from '../db/cache/in-memory.ts';
import type { Envelope } from '../schema/envelope.ts';
import { decodeChunk } from '../consumers/audio/decode-audio.ts';
import { pcm16ToFloat } from '../consumers/audio/pcm.ts';
import { frameSamples, freshRnnState, loadSileroVad } from '../consumers/audio/silero-vad.ts';
import { vadConsumer } from '../consumers/audio/vad.ts';
import { chunksOf, makeSpeech, pcmChunkFields, type Piece } from '../test/fixtures/speech.ts';
import { machineLine, positiveInteger } from './measure.ts';

const options = new Command('bench:audio')
  .description('Measures the real-time factor of voice activity detection.')
  .option('--repeat <n>', 'times the 10-second speech fixture is repeated', positiveInteger, 12)
  .parse()
  .opts<{ repeat: number }>();

const sentence: Piece[] = [{ silence: 1.5 }, { say: 'The quick brown fox jumps over the lazy dog.' }, { noise: 2 }, { say: 'Lifestream keeps only the speech.' }, { silence: 1.5 }];
const speech = makeSpeech(Array.from({ length: options.repeat }, () => sentence).flat());
const audioSeconds = speech.pcm.length / 32_000;

async function modelAlone(): Promise<number> {
  const vad = await loadSileroVad();
  const samples = pcm16ToFloat(speech.pcm, 1);
  let state = freshRnnState();
  const started = performance.now();
  for (let at = 0; at + frameSamples <= samples.length; at += frameSamples) state = (await vad.frame(samples.slice(at, at + frameSamples), state)).state;
  return (performance.now() - started) / 1000;
}

async function consumer(): Promise<{ seconds: number; segments: Envelope[]; blobs: BlobStore }> {
  const blobs = openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-bench-audio-')));
  const chunks = chunksOf(speech.pcm, 1000);
  const envelopes: Envelope[] = await Promise.all(
    chunks.map(async (bytes, seq) => ({
      id: `bench-${seq}`,
      kind: 'audioChunk',
      deviceId: 'bench',
      time: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
      receivedAt: new Date().toISOString(),
      payload: { ...pcmChunkFields('bench', seq, bytes), audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' } },
    })),
  );
  const vad = vadConsumer(blobs, openInMemoryCache(), { recordingIdleMs: 30_000, keyPrefix: 'test' });
  const segments: Envelope[] = [];
  await vad.handle(envelopes.slice(0, 1), { emit: async () => {} });
  const started = performance.now();
  for (let i = 1; i < envelopes.length; i += 10) await vad.handle(envelopes.slice(i, i + 10), { emit: async (_topic, out) => void segments.push(...out) });
  return { seconds: (performance.now() - started) / 1000, segments, blobs };
}

/** The recognizer over every speech segment's audio (with its padding), one at a time. */
async function transcription(segments: Envelope[], blobs: BlobStore): Promise<string | undefined> {
  const config = loadConfig();
  const modelsDir = config.MODELS_DIR;
  const model = installedSpeechModel(modelsDir);
  if (!model) return `| speech-to-text | – | – | ${missingSpeechModel(modelsDir)} |`;
  const recognizer = await loadSherpaRecognizer(model, config.LIFESTREAM_SPEECH_LANGUAGE);
  const audio = await Promise.all(segments.map(async (s) => decodeChunk((await blobs.get((s.payload.audio as { sha256: string }).sha256))!, { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 })));
  await recognizer.recognize(audio[0]!);
  const started = performance.now();
  for (const samples of audio) await recognizer.recognize(samples);
  const seconds = (performance.now() - started) / 1000;
  const audioSecondsTotal = audio.reduce((n, a) => n + a.length / 16_000, 0);
  return `| ${model.name} on sherpa-onnx-node (CPU, ${segments.length} segments, padded) | ${audioSecondsTotal.toFixed(1)} | ${seconds.toFixed(2)} | ${(seconds / audioSecondsTotal).toFixed(4)} |`;
}

const alone = await modelAlone();
const { seconds, segments, blobs } = await consumer();
const recognition = await transcription(segments, blobs);
console.log('| path | audio s | processing s | real-time factor |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| Silero VAD v4 alone (onnxruntime-node, 1 thread, 32 ms frames) | ${audioSeconds.toFixed(1)} | ${alone.toFixed(2)} | ${(alone / audioSeconds).toFixed(4)} |`);
console.log(`| VAD consumer: decode, model, cache state, segment WAVs (${segments.length} segments) | ${(audioSeconds - 1).toFixed(1)} | ${seconds.toFixed(2)} | ${(seconds / (audioSeconds - 1)).toFixed(4)} |`);
if (recognition) console.log(recognition);
console.log(machineLine());
