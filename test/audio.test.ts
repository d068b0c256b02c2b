// The audio pipeline end to end: a device uploads microphone chunks by mutation or streams them over
// graphql-ws, the VAD consumer turns them into speech segments and the transcription consumer into
// words, which are stored, on the timeline, and live while recording. A recording whose device goes
// away closes after the idle time. What the pipeline guarantees (a transcript per segment, timed
// words inside it, in order) is asserted exactly; what the recognizer hears is judged by the word
// error rate over all the sentences said, not by one word of one sentence (espeak-ng's voice costs
// Whisper base 11–33% per sentence, and now and then a whole one).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { corpusWordErrorRate } from '../scripts/models/word-error-rate.ts';
import { chunksOf, encodeSpeech, makeSpeech, pcmChunkFields, type Speech } from './fixtures/speech.ts';
import { overSocket, socketClient } from './socket-client.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

const chunkMs = 1000;
const start = Date.UTC(2026, 5, 1, 9, 0, 0);

const upload = `mutation($e: [AudioChunkInput!]!) { ingestAudioChunk(events: $e) { acceptedCount errors { message } } }`;

/** Above this word error rate over a test's sentences the recognizer (or what feeds it) is broken, not merely hearing espeak-ng. */
const maxCorpusWer = 0.5;

interface StoredSegment {
  time: string;
  segmentId: string;
  durationMs: number;
}
interface StoredTranscript {
  time: string;
  segmentId: string;
  text: string;
  words: { word: string; startMs: number; endMs: number }[];
}

/** The device's stored speech segments and transcripts, each oldest first. */
async function storedSpeech(h: Harness, device: string): Promise<{ segments: StoredSegment[]; transcripts: StoredTranscript[] }> {
  const result = await h.graphql<{ timeline: { edges: { node: ({ kind: 'SPEECH_SEGMENT' } & StoredSegment) | ({ kind: 'TRANSCRIPT_SEGMENT' } & StoredTranscript) }[] } }>(
    `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [SPEECH_SEGMENT, TRANSCRIPT_SEGMENT]) {
      edges { node { kind time ... on SpeechSegment { segmentId durationMs } ... on TranscriptSegment { segmentId text words } } }
    } }`,
    { d: [device] },
  );
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  const nodes = result.data!.timeline.edges.map((e) => e.node);
  return {
    segments: nodes.flatMap((n) => (n.kind === 'SPEECH_SEGMENT' ? [n] : [])),
    transcripts: nodes.flatMap((n) => (n.kind === 'TRANSCRIPT_SEGMENT' ? [n] : [])),
  };
}

/** What the pipeline guarantees of every transcript, whatever the recognizer heard. */
function assertTranscriptsOfSegments(segments: StoredSegment[], transcripts: StoredTranscript[]): void {
  for (const transcript of transcripts) {
    const segment = segments.find((s) => s.segmentId === transcript.segmentId);
    assert.ok(segment, `transcript ${transcript.segmentId} belongs to a stored speech segment`);
    assert.equal(transcript.time, segment.time, 'a transcript is timed as its segment');
    assert.notEqual(transcript.text.trim(), '', 'a transcript has text');
    assert.ok(transcript.words.length > 0, `the words of "${transcript.text}"`);
    transcript.words.forEach((word, i) => {
      assert.notEqual(word.word.trim(), '', 'no empty word');
      assert.ok(word.startMs >= 0 && word.startMs <= word.endMs && word.endMs <= segment.durationMs, `"${word.word}" ${word.startMs}–${word.endMs} ms lies inside its ${segment.durationMs} ms segment`);
      assert.ok(i === 0 || transcript.words[i - 1]!.startMs <= word.startMs, 'words in the order spoken');
    });
  }
}

/** The recognizer's word error rate over the sentences, as said, against the transcripts, as heard. */
function assertHeard(said: readonly string[], transcripts: StoredTranscript[]): void {
  const heard = transcripts.map((t) => t.text);
  const wer = corpusWordErrorRate(said, heard);
  assert.ok(wer <= maxCorpusWer, `word error rate ${(wer * 100).toFixed(0)}% over ${said.length} sentences, more than ${maxCorpusWer * 100}%:\nsaid:  ${said.join(' ')}\nheard: ${heard.join(' ')}`);
}

describe('audio pipeline', () => {
  let h: Harness;
  let speech: Speech;
  const said = ['Remember to buy oat milk.', 'And call the dentist tomorrow.', 'The meeting moved to the small room upstairs.', 'My heart rate stayed low during the walk.'];
  before(async () => {
    speech = makeSpeech([{ silence: 1.5 }, { say: said[0]! }, { silence: 3 }, { say: said[1]! }, { silence: 1.5 }, { say: said[2]! }, { silence: 1.5 }, { say: said[3]! }, { silence: 1.5 }]);
    h = await startHarness(testMode);
    await h.startPersistence();
    await h.startConsumers('vad', 'transcription');
  });
  after(() => h.close());

  const chunkInput = (device: string, fileId: string, bytes: Buffer, seq: number, isLast: boolean) => ({
    deviceId: device,
    time: new Date(start + seq * chunkMs).toISOString(),
    ...pcmChunkFields(fileId, seq, bytes),
    audio: { base64: bytes.toString('base64'), mimeType: 'audio/pcm' },
    isLast,
  });

  it('streams speech segments and their words to a subscriber while the recording goes on, then stores them, a transcript per segment', async () => {
    const device = uniqueDevice('mic');
    const fileId = `${device}-rec`;
    const chunks = chunksOf(speech.pcm, chunkMs);
    const live: { kind: string; time: string; headline: string }[] = [];
    const client = socketClient(h.url, h.adminToken);
    const stop = client.subscribe<{ timeline: { node: { kind: string; time: string; headline: string } } }>(
      { query: `subscription($d: [ID!]) { timeline(kinds: [SPEECH_SEGMENT, TRANSCRIPT_SEGMENT, AMBIENT_LIGHT], deviceIds: $d) { node { kind time headline } } }`, variables: { d: [device] } },
      { next: (m) => void live.push(m.data!.timeline.node), error: () => {}, complete: () => {} },
    );
    const speechLive = () => live.filter((n) => n.kind === 'SPEECH_SEGMENT');
    const wordsLive = () => live.filter((n) => n.kind === 'TRANSCRIPT_SEGMENT');
    try {
      let probe = 0;
      await eventually(async () => {
        if (live.length > 0) return true;
        await h.graphql(`mutation($d: ID!, $t: DateTime!) { ingestAmbientLight(events: [{ deviceId: $d, time: $t, lux: 1 }]) { acceptedCount } }`, {
          d: device,
          t: new Date(Date.UTC(2026, 0, 1, 0, 0, probe++)).toISOString(),
        });
        return undefined;
      }, 'the subscription to go live');
      // The first sentence and a second of silence after it: enough for the VAD to close it.
      const firstPart = Math.ceil(speech.sentences[0]!.end + 1);
      for (let seq = 0; seq < firstPart; seq++) {
        const result = await h.graphql(upload, { e: [chunkInput(device, fileId, chunks[seq]!, seq, false)] });
        assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      }
      await eventually(async () => (speechLive().length >= 1 ? true : undefined), 'the first sentence live, before the recording ends');
      assert.ok(Math.abs((Date.parse(speechLive()[0]!.time) - start) / 1000 - speech.sentences[0]!.start) <= 0.3);
      const [words] = await eventually(async () => (wordsLive().length >= 1 ? wordsLive() : undefined), 'the words of the first sentence live, before the recording ends');
      assert.equal(words!.time, speechLive()[0]!.time, 'the words of the first sentence, timed as it');
      assert.notEqual(words!.headline.trim(), '');
      for (let seq = firstPart; seq < chunks.length; seq++) await h.graphql(upload, { e: [chunkInput(device, fileId, chunks[seq]!, seq, seq === chunks.length - 1)] });
      const stored = await eventually(async () => {
        const found = await storedSpeech(h, device);
        return found.segments.length === said.length && found.transcripts.length === said.length ? found : undefined;
      }, 'every sentence stored, with its transcript');
      stored.segments.forEach((segment, i) => {
        const sentence = speech.sentences[i]!;
        assert.ok(Math.abs((Date.parse(segment.time) - start) / 1000 - sentence.start) <= 0.3, `sentence ${i} start`);
        assert.ok(Math.abs((Date.parse(segment.time) + segment.durationMs - start) / 1000 - sentence.end) <= 0.3, `sentence ${i} end`);
      });
      assertTranscriptsOfSegments(stored.segments, stored.transcripts);
      assertHeard(said, stored.transcripts);
    } finally {
      stop();
      await client.dispose();
    }
  });
});

describe('audio streamed over graphql-ws by a phone that goes away', () => {
  const recordingIdleS = 2;
  let h: Harness;
  let speech: Speech;
  // The phone goes away in the middle of the last one.
  const said = ['Water the tomato plants.', 'Then feed the cat.', 'Close the kitchen window before you leave.', 'And lock the back door tonight.'];
  before(async () => {
    speech = makeSpeech([{ silence: 1 }, { say: said[0]! }, { silence: 2 }, { say: said[1]! }, { silence: 1.5 }, { say: said[2]! }, { silence: 1.5 }, { say: said[3]! }, { silence: 1 }]);
    h = await startHarness(testMode, { LIFESTREAM_RECORDING_IDLE_S: String(recordingIdleS) });
    await h.startPersistence();
    await h.startConsumers('vad', 'transcription');
  });
  after(() => h.close());

  it('transcribes AAC chunks sent over one socket, closes the recording when they stop mid-sentence, and dead-letters a late chunk', async () => {
    const device = uniqueDevice('phone');
    const fileId = `${device}-voice-memo`;
    const created = await h.graphql<{ createAccessToken: { token: string } }>(
      `mutation($d: ID!) { createAccessToken(name: "phone", scope: INGEST, deviceId: $d) { token } }`,
      { d: device },
    );
    const client = socketClient(h.url, created.data!.createAccessToken.token);
    const dlq: DeliveredMessage[] = [];
    const dlqReader = await h.rawBus().subscribe({ groupId: `test-dlq-reader-${randomUUID()}`, topics: ['device.audio.raw.dlq'], eachBatch: async (batch) => void dlq.push(...batch.messages) });
    // The phone records each second as a whole M4A file (AAC, 48 kHz stereo) and stops sending halfway through the last sentence.
    const chunks = chunksOf(speech.pcm, chunkMs).map((pcm) => encodeSpeech(pcm, 'AAC'));
    const last = speech.sentences.at(-1)!;
    const stopAt = Math.ceil((last.start + last.end) / 2);
    const send = (seq: number) =>
      overSocket<{ ingestAudioChunk: { acceptedCount: number } }>(client, upload, {
        e: [
          {
            deviceId: device,
            time: new Date(start + seq * chunkMs).toISOString(),
            fileId,
            seq,
            encoding: 'AAC',
            sampleRateHz: 48_000,
            channels: 2,
            durationMs: chunkMs,
            audio: { base64: chunks[seq]!.toString('base64'), mimeType: 'audio/mp4' },
          },
        ],
      });
    try {
      for (let seq = 0; seq < stopAt; seq++) {
        const result = await send(seq);
        assert.equal(result.data?.ingestAudioChunk.acceptedCount, 1, JSON.stringify(result.errors));
      }
      const stored = await eventually(async () => {
        const found = await storedSpeech(h, device);
        return found.transcripts.length === said.length ? found : undefined;
      }, 'every sentence transcribed, the cut one once the recording closed');
      assertTranscriptsOfSegments(stored.segments, stored.transcripts);
      // The last sentence was cut short: only the whole ones are judged by what was heard.
      assertHeard(said.slice(0, -1), stored.transcripts.slice(0, -1));
      assert.ok(Math.abs((Date.parse(stored.transcripts.at(-1)!.time) - start) / 1000 - last.start) <= 0.3, 'the cut sentence starts where it was spoken');
      const late = await send(stopAt);
      assert.equal(late.data?.ingestAudioChunk.acceptedCount, 1, 'the chunk itself is accepted and kept');
      const [dead] = await eventually(async () => {
        const mine = dlq.filter((m) => m.key === device);
        return mine.length > 0 ? mine : undefined;
      }, 'the late chunk in the dead-letter topic');
      assert.match(dead!.headers['lifestream-error'] ?? '', new RegExp(`audio chunk ${stopAt} of ${fileId} came after the recording closed \\(no chunk for ${recordingIdleS} s\\)`));
    } finally {
      await client.dispose();
      await dlqReader.stop();
    }
  });
});
