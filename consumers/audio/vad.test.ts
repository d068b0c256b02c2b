// The VAD consumer on the real Silero model and espeak-ng speech: it finds the sentences and not the
// silence or noise, whatever the chunking, order and duplicates, and survives a corrupt chunk.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openBlobDirectory } from '../../db/blob-directory.ts';
import { openInMemoryCache } from '../../db/cache/in-memory.ts';
import type { BlobStore } from '../../db/blob-store.ts';
import { isEventOf, newEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { speechSegment } from '../../schema/kinds/processed.ts';
import { chunksOf, encodeSpeech, makeSpeech, pcmChunkFields, type Speech } from '../../test/fixtures/speech.ts';
import { decodeChunk } from './decode-audio.ts';
import { consumerContext } from '../runtime.ts';
import type { AudioChunk } from './recording.ts';
import { loadSileroVad, type SileroVad } from './silero-vad.ts';
import { vad, vadHandlers } from './vad.ts';

/** How far a found boundary may be from the true one, in seconds. */
const tolerance = 0.3;
const recordingStart = Date.UTC(2026, 5, 1, 9, 0, 0);

async function chunkEnvelopes(blobs: BlobStore, pcm: Buffer, chunkMs: number, fileId: string): Promise<AudioChunk[]> {
  const chunks = chunksOf(pcm, chunkMs);
  return Promise.all(
    chunks.map(async (bytes, seq) =>
      newEvent(audioChunk, {
        deviceId: 'phone',
        time: new Date(recordingStart + seq * chunkMs),
        payload: {
          ...pcmChunkFields(fileId, seq, bytes),
          audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' },
          ...(seq === chunks.length - 1 ? { isLast: true } : {}),
        },
      }),
    ),
  );
}

type Segment = Event<typeof speechSegment>;

interface Run {
  segments: Segment[];
  rejected: string[];
}

/** A VAD consumer fed as the runtime would, collecting what comes out. */
function feeder(blobs: BlobStore, recordingIdleMs = 30_000) {
  const consumer = vadHandlers(blobs, openInMemoryCache(), { recordingIdleMs, keyPrefix: 'test' });
  const result: Run = { segments: [], rejected: [] };
  const context = consumerContext(vad, async (out) => void result.segments.push(...out.filter((e) => isEventOf(speechSegment, e))));
  return {
    result,
    /** Feeds the envelopes in batches of `batch`. */
    async feed(envelopes: AudioChunk[], batch = 3) {
      for (let i = 0; i < envelopes.length; i += batch) {
        const handled = await consumer.handle(envelopes.slice(i, i + batch), context);
        result.rejected.push(...(handled?.rejected ?? []).map((r) => r.error));
      }
    },
    /** One run of the idle check. */
    closeIdle: () => consumer.periodic!.run(context),
  };
}

async function run(blobs: BlobStore, envelopes: AudioChunk[], batch = 3): Promise<Run> {
  const vad = feeder(blobs);
  await vad.feed(envelopes, batch);
  return vad.result;
}

const boundsOf = (segments: Segment[]) =>
  segments.map((s) => ({ start: (s.time.getTime() - recordingStart) / 1000, end: (s.time.getTime() + s.payload.durationMs - recordingStart) / 1000 }));

function assertFinds(speech: Speech, segments: Segment[]): void {
  const found = boundsOf(segments);
  assert.equal(found.length, speech.sentences.length, `found ${JSON.stringify(found)}, spoken ${JSON.stringify(speech.sentences)}`);
  speech.sentences.forEach((sentence, i) => {
    assert.ok(Math.abs(found[i]!.start - sentence.start) <= tolerance, `sentence ${i} starts at ${sentence.start.toFixed(2)} s, found ${found[i]!.start.toFixed(2)} s`);
    assert.ok(Math.abs(found[i]!.end - sentence.end) <= tolerance, `sentence ${i} ends at ${sentence.end.toFixed(2)} s, found ${found[i]!.end.toFixed(2)} s`);
  });
}

describe('VAD consumer (Silero v4)', () => {
  let speech: Speech;
  let blobs: BlobStore;
  before(() => {
    speech = makeSpeech([
      { silence: 1.5 },
      { say: 'The quick brown fox jumps over the lazy dog.' },
      { noise: 2 },
      { say: 'Lifestream keeps only the speech.' },
      { silence: 1.5 },
    ]);
    blobs = openBlobDirectory(mkdtempSync(join(tmpdir(), 'lifestream-vad-blobs-')));
  });

  it('finds each sentence within the tolerance, not the silence or the noise, with its audio', async () => {
    const { segments, rejected } = await run(blobs, await chunkEnvelopes(blobs, speech.pcm, 1000, 'rec-in-order'));
    assert.deepEqual(rejected, []);
    assertFinds(speech, segments);
    const first = segments[0]!;
    const wav = await blobs.get(first.payload.audio!.sha256);
    const samples = await decodeChunk(wav!, { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 });
    assert.ok(Math.abs(samples.length / 16 - (first.payload.durationMs + 600)) < 40, 'the audio is the segment with 300 ms either side');
    assert.equal(first.kind, 'speechSegment');
    assert.equal(first.payload.model, 'silero-vad-v4');
  });

  it('finds the same, chunked so words straddle chunk boundaries, with duplicates and chunks out of order', async () => {
    const envelopes = await chunkEnvelopes(blobs, speech.pcm, 700, 'rec-shuffled');
    const shuffled = [...envelopes];
    [shuffled[3], shuffled[4]] = [shuffled[4]!, shuffled[3]!];
    shuffled.splice(6, 0, envelopes[5]!, envelopes[2]!);
    const { segments, rejected } = await run(blobs, shuffled, 2);
    assert.deepEqual(rejected, []);
    assertFinds(speech, segments);
  });

  it('dead-letters a corrupt chunk with a clear error and keeps the rest of the recording', async () => {
    const envelopes = await chunkEnvelopes(blobs, speech.pcm, 1000, 'rec-corrupt');
    // The first second is silence: replace it with bytes that are not 16-bit PCM.
    const corrupt = Buffer.from('not audio');
    envelopes[0]!.payload.audio = { sha256: await blobs.put(corrupt), byteSize: corrupt.length, mimeType: 'audio/pcm' };
    // The last second is silence too: recorded as FLAC but declared as Opus. (Not raw PCM: quiet
    // noise can start with bytes that look like an MP3 frame sync, which would make the message vary.)
    const last = envelopes.at(-1)!;
    const flac = encodeSpeech(chunksOf(speech.pcm, 1000).at(-1)!, 'FLAC');
    Object.assign(last.payload, { encoding: 'OPUS', audio: { sha256: await blobs.put(flac), byteSize: flac.length, mimeType: 'audio/ogg' } });
    const { segments, rejected } = await run(blobs, envelopes);
    assert.deepEqual(rejected, [
      'audio chunk 0 of rec-corrupt: 9 bytes is not a whole number of 16-bit frames of 1 channel(s): the chunk is cut or not PCM',
      `audio chunk ${last.payload.seq} of rec-corrupt: the chunk says OPUS but its bytes are flac`,
    ]);
    assertFinds(speech, segments);
  });

  it('finds the same in AAC chunks recorded at 48 kHz stereo, each chunk a whole M4A file', async () => {
    const envelopes = await chunkEnvelopes(blobs, speech.pcm, 1000, 'rec-aac');
    for (const envelope of envelopes) {
      const pcm = await blobs.get(envelope.payload.audio.sha256);
      const m4a = encodeSpeech(Buffer.from(pcm!), 'AAC');
      Object.assign(envelope.payload, { encoding: 'AAC', sampleRateHz: 48_000, channels: 2, audio: { sha256: await blobs.put(m4a), byteSize: m4a.length, mimeType: 'audio/mp4' } });
    }
    const { segments, rejected } = await run(blobs, envelopes);
    assert.deepEqual(rejected, []);
    assertFinds(speech, segments);
  });

  it('closes a recording whose chunks stop: hears the chunks held past a gap, ends the speech where the audio stops, refuses later chunks', async () => {
    const envelopes = await chunkEnvelopes(blobs, speech.pcm, 500, 'rec-idle');
    // The device goes away in the middle of the second sentence, and the chunk before its last two never came:
    // those two wait for it until the recording closes.
    const stopAt = Math.floor(((speech.sentences[1]!.start + speech.sentences[1]!.end) / 2) * 2);
    const sent = envelopes.slice(0, stopAt);
    sent.splice(stopAt - 3, 1);
    const vad = feeder(blobs, 0);
    await vad.feed(sent);
    assert.equal(vad.result.segments.length, 1, 'only the first sentence is over while the chunks come');
    await vad.closeIdle();
    assert.deepEqual(vad.result.rejected, []);
    const found = boundsOf(vad.result.segments);
    assert.equal(found.length, 2, JSON.stringify(found));
    const heardUntil = (stopAt * 500) / 1000;
    assert.ok(Math.abs(found[1]!.end - heardUntil) <= tolerance, `the open sentence ends where the audio stopped (${heardUntil} s), found ${found[1]!.end.toFixed(2)} s`);
    await vad.closeIdle();
    assert.equal(vad.result.segments.length, 2, 'a closed recording closes once');
    await vad.feed([envelopes[stopAt]!]);
    assert.deepEqual(vad.result.rejected, [`audio chunk ${stopAt} of rec-idle came after the recording closed (no chunk for 0 s); send a new fileId for new audio`]);
  });

  it('releases its model after the idle time without chunks, and loads it again for the next recording, hearing the same', async () => {
    let loads = 0;
    let onRelease: () => void = () => {};
    const countedModel = async (): Promise<SileroVad> => {
      loads += 1;
      const model = await loadSileroVad();
      return {
        ...model,
        release: async () => {
          await model.release();
          onRelease();
        },
      };
    };
    const consumer = vadHandlers(blobs, openInMemoryCache(), { recordingIdleMs: 30_000, keyPrefix: 'test', modelIdleMs: 10 }, countedModel);
    const heard: Segment[][] = [];
    // The idle timer does not keep a process alive: this keeps the test's alive while it waits for it.
    const keepAlive = setInterval(() => {}, 1000);
    try {
      for (const fileId of ['rec-before-release', 'rec-after-release']) {
        const segments: Segment[] = [];
        const released = new Promise<void>((resolve) => (onRelease = resolve));
        await consumer.handle(await chunkEnvelopes(blobs, speech.pcm, 1000, fileId), consumerContext(vad, async (out) => void segments.push(...out.filter((e) => isEventOf(speechSegment, e)))));
        await released;
        heard.push(segments);
      }
    } finally {
      clearInterval(keepAlive);
    }
    assert.equal(loads, 2, 'loaded for the first recording, released, loaded again for the second');
    assertFinds(speech, heard[0]!);
    assert.deepEqual(boundsOf(heard[1]!), boundsOf(heard[0]!));
  });
});
