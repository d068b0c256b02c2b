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
import type { Envelope } from '../../schema/envelope.ts';
import { chunksOf, makeSpeech, pcmChunkFields, type Speech } from '../../test/fixtures/speech.ts';
import { decodeChunk } from './pcm.ts';
import { vadConsumer } from './vad.ts';

/** How far a found boundary may be from the true one, in seconds. */
const tolerance = 0.3;
const recordingStart = Date.UTC(2026, 5, 1, 9, 0, 0);

async function chunkEnvelopes(blobs: BlobStore, pcm: Buffer, chunkMs: number, fileId: string): Promise<Envelope[]> {
  const chunks = chunksOf(pcm, chunkMs);
  return Promise.all(
    chunks.map(async (bytes, seq) => ({
      id: `${fileId}-${seq}`,
      kind: 'audioChunk',
      deviceId: 'phone',
      time: new Date(recordingStart + seq * chunkMs).toISOString(),
      receivedAt: new Date().toISOString(),
      payload: {
        ...pcmChunkFields(fileId, seq, bytes),
        audio: { sha256: await blobs.put(bytes), byteSize: bytes.length, mimeType: 'audio/pcm' },
        ...(seq === chunks.length - 1 ? { isLast: true } : {}),
      },
    })),
  );
}

interface Run {
  segments: Envelope[];
  rejected: string[];
}

/** Feeds the envelopes in batches of `batch`, as the runtime would, collecting what comes out. */
async function run(blobs: BlobStore, envelopes: Envelope[], batch = 3): Promise<Run> {
  const consumer = vadConsumer(blobs, openInMemoryCache());
  const result: Run = { segments: [], rejected: [] };
  for (let i = 0; i < envelopes.length; i += batch) {
    const handled = await consumer.handle(envelopes.slice(i, i + batch), { emit: async (_topic, out) => void result.segments.push(...out) });
    result.rejected.push(...(handled?.rejected ?? []).map((r) => r.error));
  }
  return result;
}

const boundsOf = (segments: Envelope[]) =>
  segments.map((s) => ({ start: (Date.parse(s.time) - recordingStart) / 1000, end: (Date.parse(s.time) + Number(s.payload.durationMs) - recordingStart) / 1000 }));

function assertFinds(speech: Speech, segments: Envelope[]): void {
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
    const wav = await blobs.get((first.payload.audio as { sha256: string }).sha256);
    const samples = decodeChunk(wav!, { encoding: 'WAV', sampleRateHz: 16_000, channels: 1 });
    assert.ok(Math.abs(samples.length / 16 - (Number(first.payload.durationMs) + 600)) < 40, 'the audio is the segment with 300 ms either side');
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
    // The last second is silence too: declare it in an encoding that is not decoded.
    const last = envelopes.at(-1)!;
    last.payload.encoding = 'OPUS';
    const { segments, rejected } = await run(blobs, envelopes);
    assert.deepEqual(rejected, [
      'audio chunk 0 of rec-corrupt: 9 bytes is not a whole number of 16-bit frames of 1 channel(s): the chunk is cut or not PCM',
      `audio chunk ${last.payload.seq} of rec-corrupt: OPUS audio is not decoded yet: send PCM_S16LE or WAV (16-bit PCM)`,
    ]);
    assertFinds(speech, segments);
  });
});
