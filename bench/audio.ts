// `npm run bench:audio`: real-time factors on this machine: the Silero VAD model alone, frame by
// frame in this thread; the VAD consumer (decoding, the model in its worker thread, state in the
// cache, segment WAVs into the blob store); and the
// installed speech-to-text model over the segments it found; on espeak-ng speech, silence and noise.
// Then, per mode, the latency from a spoken word's chunk to that word on a live subscriber, with the
// microphone streamed in real time over graphql-ws.
import { Command } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBlobDirectory } from '../db/blob-directory.ts';
import type { BlobStore } from '../db/blob-store.ts';
import { loadConfig } from '../schema/config.ts';
import { installedSpeechModel, loadSherpaRecognizer, missingSpeechModel, nvidiaGpuPresent, speechProvider } from '../consumers/audio/sherpa-recognizer.ts';
import { openInMemoryCache } from '../db/cache/in-memory.ts';
import { isEventOf, newEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import { audioChunk } from '../schema/kinds/media.ts';
import { speechSegment } from '../schema/kinds/processed.ts';
import { consumerContext } from '../consumers/runtime.ts';
import { decodeChunk } from '../consumers/audio/decode-audio.ts';
import { pcm16ToFloat } from '../consumers/audio/pcm.ts';
import { freshRnnState, loadSileroVad } from '../consumers/audio/silero-vad.ts';
import { vad, vadHandlers } from '../consumers/audio/vad.ts';
import { chunksOf, makeSpeech, pcmChunkFields, type Piece } from '../test/fixtures/speech.ts';
import { overSocket, socketClient } from '../test/socket-client.ts';
import { eventually, startHarness, uniqueDevice, type TestMode } from '../test/harness.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';
import type { TimedWord } from '../consumers/audio/recognizer.ts';

const options = new Command('bench:audio')
  .description('Measures the real-time factor of voice activity detection and speech-to-text, and the latency from a chunk to its words on a subscriber.')
  .option('--repeat <n>', 'times the 10-second speech fixture is repeated', positiveInteger, 12)
  .option('--sentences <n>', 'sentences streamed in real time for the latency measurement', positiveInteger, 8)
  .option('--chunk-ms <ms>', 'length of each streamed chunk', positiveInteger, 500)
  .option('--modes <modes...>', 'embedded and/or server (the local stack)', ['embedded', 'server'])
  .parse()
  .opts<{ repeat: number; sentences: number; chunkMs: number; modes: TestMode[] }>();

const sentence: Piece[] = [{ silence: 1.5 }, { say: 'The quick brown fox jumps over the lazy dog.' }, { noise: 2 }, { say: 'Lifestream keeps only the speech.' }, { silence: 1.5 }];
const speech = makeSpeech(Array.from({ length: options.repeat }, () => sentence).flat());
const audioSeconds = speech.pcm.length / 32_000;

async function modelAlone(): Promise<number> {
  const vad = await loadSileroVad();
  const samples = pcm16ToFloat(speech.pcm, 1);
  const started = performance.now();
  await vad.frames(samples, freshRnnState());
  return (performance.now() - started) / 1000;
}

type Segment = Event<typeof speechSegment>;

async function consumer(): Promise<{ seconds: number; segments: Segment[]; blobs: BlobStore }> {
  const blobs = openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-bench-audio-')));
  const chunks = chunksOf(speech.pcm, 1000);
  const envelopes = await Promise.all(
    chunks.map(async (bytes, seq) =>
      newEvent(audioChunk, {
        deviceId: 'bench',
        time: new Date(Date.UTC(2026, 0, 1) + seq * 1000),
        payload: { ...pcmChunkFields('bench', seq, bytes), audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' } },
      }),
    ),
  );
  const handlers = vadHandlers(blobs, openInMemoryCache(), { recordingIdleMs: 30_000, keyPrefix: 'test' });
  const segments: Segment[] = [];
  await handlers.handle(envelopes.slice(0, 1), consumerContext(vad, async () => {}));
  const started = performance.now();
  const collecting = consumerContext(vad, async (out) => void segments.push(...out.filter((e) => isEventOf(speechSegment, e))));
  for (let i = 1; i < envelopes.length; i += 10) await handlers.handle(envelopes.slice(i, i + 10), collecting);
  return { seconds: (performance.now() - started) / 1000, segments, blobs };
}

/** The recognizer over every speech segment's audio (with its padding), one at a time. */
/** Milliseconds the recognizer took for each segment: the part of the live latency that is the model. */
const recognitionMs: number[] = [];

async function transcription(segments: Segment[], blobs: BlobStore): Promise<string | undefined> {
  const config = loadConfig();
  const modelsDir = config.MODELS_DIR;
  const model = installedSpeechModel(modelsDir);
  if (!model) return `| speech-to-text | – | – | ${missingSpeechModel(modelsDir)} |`;
  const provider = speechProvider(config.LIFESTREAM_SPEECH_PROVIDER, nvidiaGpuPresent());
  const recognizer = await loadSherpaRecognizer(model, config.LIFESTREAM_SPEECH_LANGUAGE, provider);
  const audio = await Promise.all(segments.map(async (s) => decodeChunk((await blobs.get(s.payload.audio!.sha256))!, { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 })));
  await recognizer.recognize(audio[0]!);
  const started = performance.now();
  for (const samples of audio) {
    const began = performance.now();
    await recognizer.recognize(samples);
    recognitionMs.push(performance.now() - began);
  }
  const seconds = (performance.now() - started) / 1000;
  const audioSecondsTotal = audio.reduce((n, a) => n + a.length / 16_000, 0);
  return `| ${model.name} on sherpa-onnx-node (${provider}, ${segments.length} segments, padded) | ${audioSecondsTotal.toFixed(1)} | ${seconds.toFixed(2)} | ${(seconds / audioSecondsTotal).toFixed(4)} |`;
}

const streamed: Piece[] = [
  'Call the dentist on Monday morning.',
  'The train leaves at seven fifteen.',
  'Buy apples, bread and coffee.',
  'Remind me to water the plants.',
  'The meeting moved to Thursday.',
  'Send the photos to my sister.',
  'Pick up the parcel from the post office.',
  'Book a table for four people.',
].flatMap((say) => [{ silence: 1.5 }, { say }]);

interface Latency {
  mode: TestMode;
  words: number[];
  sentences: number[];
}

/**
 * Streams sentences in real time, one chunk every chunkMs over graphql-ws, and times each word from
 * the moment the chunk holding its end was sent to the moment it reached a subscriber. The floor is
 * the VAD's 500 ms of silence that ends a sentence plus one chunk; the rest is the pipeline.
 */
async function liveLatency(mode: TestMode): Promise<Latency> {
  const chunkMs = options.chunkMs;
  const speech = makeSpeech([...streamed.slice(0, options.sentences * 2), { silence: 2 }]);
  const h = await startHarness(mode, { LIFESTREAM_RATE_LIMIT_PER_MINUTE: '1000000' });
  const client = socketClient(h.url, h.adminToken);
  const device = uniqueDevice('bench-mic');
  const fileId = `${device}-rec`;
  const recordingStart = Date.UTC(2026, 0, 2, 9, 0, 0);
  const sentAt: number[] = [];
  const words: number[] = [];
  const sentences: number[] = [];
  try {
    await h.startPersistence();
    await h.startConsumers('vad', 'transcription');
    let live = false;
    const stop = client.subscribe<{ timeline: { node: { kind: string; time: string; words?: TimedWord[] } } }>(
      { query: `subscription($d: [ID!]) { timeline(kinds: [TRANSCRIPT_SEGMENT, AMBIENT_LIGHT], deviceIds: $d) { node { kind time ... on TranscriptSegment { words } } } }`, variables: { d: [device] } },
      {
        next: (message) => {
          const arrived = performance.now();
          const node = message.data!.timeline.node;
          live = true;
          if (node.kind !== 'TRANSCRIPT_SEGMENT') return;
          const segmentStart = Date.parse(node.time) - recordingStart;
          const latencies = (node.words ?? []).map((word) => arrived - (sentAt[Math.floor((segmentStart + word.endMs) / chunkMs)] ?? NaN));
          words.push(...latencies.filter(Number.isFinite));
          if (latencies.length > 0) sentences.push(latencies.at(-1)!);
        },
        error: (error) => console.error('subscription failed:', error),
        complete: () => {},
      },
    );
    let probe = 0;
    await eventually(async () => {
      if (live) return true;
      await h.graphql(`mutation($d: ID!, $t: DateTime!) { ingestAmbientLight(events: [{ deviceId: $d, time: $t, lux: 1 }]) { acceptedCount } }`, { d: device, t: new Date(Date.UTC(2026, 0, 1, 0, 0, probe++)).toISOString() });
      return undefined;
    }, 'the subscription to go live');
    const chunks = chunksOf(speech.pcm, chunkMs);
    const began = performance.now();
    for (const [seq, bytes] of chunks.entries()) {
      // A microphone hands over each chunk when it has been recorded: at the end of its stretch of time.
      const due = began + (seq + 1) * chunkMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      sentAt[seq] = performance.now();
      const result = await overSocket<{ ingestAudioChunk: { acceptedCount: number } }>(client, `mutation($e: [AudioChunkInput!]!) { ingestAudioChunk(events: $e) { acceptedCount } }`, {
        e: [{ deviceId: device, time: new Date(recordingStart + seq * chunkMs).toISOString(), ...pcmChunkFields(fileId, seq, bytes), audio: { base64: bytes.toString('base64'), mimeType: 'audio/pcm' }, isLast: seq === chunks.length - 1 }],
      });
      if (result.data?.ingestAudioChunk.acceptedCount !== 1) throw new Error(`chunk ${seq} refused: ${JSON.stringify(result.errors)}`);
    }
    await eventually(async () => (sentences.length >= options.sentences ? true : undefined), 'every sentence on the subscriber', 600);
    stop();
  } finally {
    await client.dispose();
    await h.close();
  }
  return { mode, words, sentences };
}

const alone = await modelAlone();
const { seconds, segments, blobs } = await consumer();
const recognition = await transcription(segments, blobs);
console.log('| path | audio s | processing s | real-time factor |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| Silero VAD v4 alone (onnxruntime-node, 1 thread, 32 ms frames) | ${audioSeconds.toFixed(1)} | ${alone.toFixed(2)} | ${(alone / audioSeconds).toFixed(4)} |`);
console.log(`| VAD consumer: decode, model, cache state, segment WAVs (${segments.length} segments) | ${(audioSeconds - 1).toFixed(1)} | ${seconds.toFixed(2)} | ${(seconds / (audioSeconds - 1)).toFixed(4)} |`);
if (recognition) console.log(recognition);
if (installedSpeechModel(loadConfig().MODELS_DIR)) {
  const ms = (values: number[], p: number) => percentile(values, p).toFixed(0);
  console.log('');
  console.log(`| mode | latency, chunk sent → word on a subscriber (${options.chunkMs} ms chunks in real time) | count | p50 ms | p95 ms | max ms |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const mode of options.modes) {
    const { words, sentences } = await liveLatency(mode);
    console.log(`| ${mode} | every word | ${words.length} | ${ms(words, 50)} | ${ms(words, 95)} | ${ms(words, 100)} |`);
    console.log(`| ${mode} | last word of each sentence | ${sentences.length} | ${ms(sentences, 50)} | ${ms(sentences, 95)} | ${ms(sentences, 100)} |`);
  }
  console.log(`| baseline | the recognizer alone on one sentence's segment | ${recognitionMs.length} | ${ms(recognitionMs, 50)} | ${ms(recognitionMs, 95)} | ${ms(recognitionMs, 100)} |`);
  console.log(`floor: the VAD ends a sentence after 500 ms of silence, heard in ${options.chunkMs} ms chunks`);
}
console.log(machineLine());
process.exit(0);
