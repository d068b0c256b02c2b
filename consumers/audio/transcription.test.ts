// The transcription consumer on a real recognizer (Whisper base, built by `npm run models -- build
// whisper-base`, which npm test runs; or Parakeet where installed): espeak-ng speech through the VAD
// consumer, then words with times inside their segment.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { openBlobDirectory } from '../../db/blob-directory.ts';
import { openInMemoryCache } from '../../db/cache/in-memory.ts';
import type { BlobStore } from '../../db/blob-store.ts';
import { isEventOf, newEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { speechSegment, transcriptSegment } from '../../schema/kinds/processed.ts';
import { chunksOf, makeSpeech, pcmChunkFields } from '../../test/fixtures/speech.ts';
import { installedSpeechModel, loadSherpaRecognizer, missingSpeechModel } from './sherpa-recognizer.ts';
import { consumerContext } from '../runtime.ts';
import { transcription, transcriptionHandlers } from './transcription.ts';
import { segmentPadMs, vad, vadHandlers } from './vad.ts';

const modelsDir = resolve(process.env.MODELS_DIR ?? 'models');

type Segment = Event<typeof speechSegment>;
type Transcript = Event<typeof transcriptSegment>;

async function speechSegments(blobs: BlobStore): Promise<Segment[]> {
  const speech = makeSpeech([{ silence: 1 }, { say: 'Remember to buy oat milk and bread.' }, { silence: 1.5 }]);
  const chunks = chunksOf(speech.pcm, 1000);
  const handlers = vadHandlers(blobs, openInMemoryCache(), { recordingIdleMs: 30_000, keyPrefix: 'test' });
  const segments: Segment[] = [];
  const envelopes = await Promise.all(
    chunks.map(async (bytes, seq) =>
      newEvent(audioChunk, {
        deviceId: 'phone',
        time: new Date(Date.UTC(2026, 5, 1, 9) + seq * 1000),
        payload: { ...pcmChunkFields('rec-words', seq, bytes), audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' }, isLast: seq === chunks.length - 1 },
      }),
    ),
  );
  await handlers.handle(envelopes, consumerContext(vad, async (out) => void segments.push(...out.filter((e) => isEventOf(speechSegment, e)))));
  return segments;
}

/** A context that keeps what the transcription consumer emits. */
const collecting = (transcripts: Transcript[]) => consumerContext(transcription, async (out) => void transcripts.push(...out.filter((e) => isEventOf(transcriptSegment, e))));

describe('transcription consumer', () => {
  let blobs: BlobStore;
  let segments: Segment[];
  before(async () => {
    blobs = openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-asr-blobs-')));
    segments = await speechSegments(blobs);
  });

  it('turns a speech segment into its words, each timed inside the segment', async () => {
    const model = installedSpeechModel(modelsDir);
    assert.ok(model, missingSpeechModel(modelsDir));
    const consumer = transcriptionHandlers(blobs, () => loadSherpaRecognizer(model));
    const transcripts: Transcript[] = [];
    const result = await consumer.handle(segments, collecting(transcripts));
    assert.deepEqual(result?.rejected ?? [], []);
    assert.equal(transcripts.length, 1);
    const [transcript] = transcripts;
    assert.equal(transcript!.kind, 'transcriptSegment');
    assert.deepEqual(transcript!.time, segments[0]!.time);
    assert.equal(transcript!.payload.segmentId, segments[0]!.payload.segmentId);
    const { words } = transcript!.payload;
    const spoken = words.map((w) => w.word.toLowerCase().replace(/[^a-z]/g, ''));
    const expected = ['remember', 'to', 'buy', 'oat', 'milk', 'and', 'bread'];
    const heard = expected.filter((w) => spoken.includes(w));
    assert.ok(heard.length >= 5, `heard ${JSON.stringify(transcript!.payload.text)}`);
    const duration = segments[0]!.payload.durationMs;
    for (const word of words) assert.ok(word.startMs >= 0 && word.startMs <= word.endMs && word.endMs <= duration, JSON.stringify(word));
    assert.ok(words.every((w, i) => i === 0 || w.startMs >= words[i - 1]!.startMs), 'words in order');
  });

  it('times words heard in the pads either side of a segment at its edges', async () => {
    const durationMs = segments[0]!.payload.durationMs;
    const tokens = [
      { text: ' early', startMs: segmentPadMs - 100 },
      { text: ' on', startMs: segmentPadMs + 200 },
      { text: ' late', startMs: segmentPadMs + durationMs + 150 },
    ];
    const consumer = transcriptionHandlers(blobs, async () => ({ model: 'fake', recognize: async () => ({ text: 'early on late', tokens }) }));
    const transcripts: Transcript[] = [];
    await consumer.handle(segments, collecting(transcripts));
    assert.deepEqual(transcripts[0]!.payload.words, [
      { word: 'early', startMs: 0, endMs: 200, confidence: null },
      { word: 'on', startMs: 200, endMs: durationMs, confidence: null },
      { word: 'late', startMs: durationMs, endMs: durationMs, confidence: null },
    ]);
  });

  it('dead-letters a segment whose audio is gone, and transcribes nothing for it', async () => {
    const consumer = transcriptionHandlers(blobs, async () => ({ model: 'unused', recognize: async () => assert.fail('nothing to recognize') }));
    const lost = { ...segments[0]!, payload: { ...segments[0]!.payload, audio: { sha256: '0'.repeat(64), byteSize: 1, mimeType: 'audio/wav' } } };
    const result = await consumer.handle([lost], consumerContext(transcription, async () => assert.fail('nothing to emit')));
    assert.match(result!.rejected[0]!.error, /has no audio in the blob store/);
  });
});
