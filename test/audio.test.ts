// The audio pipeline end to end: a device uploads microphone chunks by mutation or streams them over
// graphql-ws, the VAD consumer turns them into speech segments and the transcription consumer into
// words, which are stored, on the timeline, and live while recording. A recording whose device goes
// away closes after the idle time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../consumers/bus/port.ts';
import { chunksOf, encodeSpeech, makeSpeech, pcmChunkFields, type Speech } from './fixtures/speech.ts';
import { overSocket, socketClient } from './socket-client.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

const chunkMs = 1000;
const start = Date.UTC(2026, 5, 1, 9, 0, 0);

const upload = `mutation($e: [AudioChunkInput!]!) { ingestAudioChunk(events: $e) { acceptedCount errors { message } } }`;

describe('audio pipeline', () => {
  let h: Harness;
  let speech: Speech;
  before(async () => {
    speech = makeSpeech([{ silence: 1.5 }, { say: 'Remember to buy oat milk.' }, { silence: 3 }, { say: 'And call the dentist tomorrow.' }, { silence: 1.5 }]);
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

  it('streams speech segments and their words to a subscriber while the recording goes on, then stores them', async () => {
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
      assert.match(words!.headline.toLowerCase(), /oat|milk/);
      for (let seq = firstPart; seq < chunks.length; seq++) await h.graphql(upload, { e: [chunkInput(device, fileId, chunks[seq]!, seq, seq === chunks.length - 1)] });
      const stored = await eventually(async () => {
        const result = await h.graphql<{ timeline: { edges: { node: { time: string; durationMs: number } }[] } }>(
          `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [SPEECH_SEGMENT]) { edges { node { time ... on SpeechSegment { durationMs } } } } }`,
          { d: [device] },
        );
        return result.data?.timeline.edges.length === 2 ? result.data.timeline.edges : undefined;
      }, 'both sentences stored');
      stored.forEach(({ node }, i) => {
        const sentence = speech.sentences[i]!;
        assert.ok(Math.abs((Date.parse(node.time) - start) / 1000 - sentence.start) <= 0.3, `sentence ${i} start`);
        assert.ok(Math.abs((Date.parse(node.time) + node.durationMs - start) / 1000 - sentence.end) <= 0.3, `sentence ${i} end`);
      });
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
  before(async () => {
    speech = makeSpeech([{ silence: 1 }, { say: 'Water the tomato plants.' }, { silence: 2 }, { say: 'Then feed the cat.' }, { silence: 1 }]);
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
    // The phone records each second as a whole M4A file (AAC, 48 kHz stereo) and stops sending halfway through the second sentence.
    const chunks = chunksOf(speech.pcm, chunkMs).map((pcm) => encodeSpeech(pcm, 'AAC'));
    const stopAt = Math.ceil((speech.sentences[1]!.start + speech.sentences[1]!.end) / 2);
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
      const transcripts = await eventually(async () => {
        const result = await h.graphql<{ timeline: { edges: { node: { time: string; text: string } }[] } }>(
          `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [TRANSCRIPT_SEGMENT]) { edges { node { time ... on TranscriptSegment { text } } } } }`,
          { d: [device] },
        );
        return result.data?.timeline.edges.length === 2 ? result.data.timeline.edges.map((e) => e.node) : undefined;
      }, 'both sentences transcribed, the second once the recording closed');
      assert.match(transcripts[0]!.text.toLowerCase(), /tomato|plants/);
      assert.match(transcripts[1]!.text.toLowerCase(), /feed|cat/);
      assert.ok(Math.abs((Date.parse(transcripts[1]!.time) - start) / 1000 - speech.sentences[1]!.start) <= 0.3, 'the second sentence starts where it was spoken');
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
