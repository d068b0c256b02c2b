// The VAD consumer: microphone chunks in (device.audio.raw), speech segments out
// (media.audio.vad_filtered), each with its audio as a WAV blob. Chunks of one recording are
// handled in seq order: duplicates are skipped, early ones wait (up to maxEarlyChunks) for the
// missing one, which is then given up as a gap. A chunk that cannot be decoded is dead-lettered and
// counted as a gap, so it never poisons the rest of the recording. A recording closes with its last
// chunk, or when no chunk came for the idle time (the device went away): its open segment is cut
// where the audio stopped. A chunk after that is dead-lettered as late. The model runs in a worker
// thread (vad-in-worker.ts), started with the first chunk and ended after LIFESTREAM_MODEL_IDLE_S without one.
import type { BlobStore } from '../../db/blob-store.ts';
import type { Cache } from '../../db/cache/port.ts';
import type { BlobRef } from '../../schema/envelope.ts';
import type { NewEvent } from '../../schema/event.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { speechSegment } from '../../schema/kinds/processed.ts';
import { defineConsumer, type ConsumerContext, type ConsumerHandlers, type Rejection } from '../consumer.ts';
import { defaultModelIdleMs, modelOnUse } from '../model-on-use.ts';
import { decodeChunk } from './decode-audio.ts';
import { AudioDecodeError, encodeWav, vadSampleRate } from './pcm.ts';
import { arrival, deserialize, holdEarly, newRecording, serialize, type AudioChunk, type RecentChunk, type Recording } from './recording.ts';
import { frameMs, frameSamples, freshRnnState, type SileroVad } from './silero-vad.ts';
import { openSileroVadWorker } from './vad-in-worker.ts';
import { flush, silence, step, type SpeechSegment } from './speech-segments.ts';

/** Audio kept around each segment, so recognition does not start or end mid-word. */
export const segmentPadMs = 300;
const maxEarlyChunks = 4;
/** A recording unheard of this long is forgotten. */
const recordingTtlS = 3_600;
const closeIdleEveryMs = 1_000;
/** Recordings closed per run of the idle check, so one run stays short. */
const closeIdleBatch = 100;

export interface VadSettings {
  /** A recording with no chunk for this long is closed. */
  recordingIdleMs: number;
  /** Starts every Cache key: a recording's state belongs to the consumer group (LIFESTREAM_GROUP_PREFIX) that reads its chunks. */
  keyPrefix: string;
  /** The model (its worker) is released after this long with no chunk, and loaded again with the next. */
  modelIdleMs?: number;
}

interface Output {
  segments: NewEvent<typeof speechSegment>[];
  rejected: Rejection<typeof audioChunk>[];
}

export const vad = defineConsumer({
  name: 'vad',
  deployment: { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  reads: [audioChunk],
  emits: [speechSegment],
  start: ({ blobs, cache, config }) =>
    vadHandlers(blobs, cache, { recordingIdleMs: config.LIFESTREAM_RECORDING_IDLE_S * 1000, keyPrefix: config.LIFESTREAM_GROUP_PREFIX, modelIdleMs: config.LIFESTREAM_MODEL_IDLE_S * 1000 }),
});

/** The model is Silero in a worker thread unless loadModel gives another. */
export function vadHandlers(
  blobs: BlobStore,
  cache: Cache,
  settings: VadSettings,
  loadModel?: () => Promise<SileroVad>,
): ConsumerHandlers<typeof audioChunk, typeof speechSegment> {
  const modelIdleMs = settings.modelIdleMs ?? defaultModelIdleMs;
  const model = modelOnUse(loadModel ?? (async () => openSileroVadWorker(modelIdleMs)), modelIdleMs);
  const stateKey = (deviceId: string, fileId: string) => `${settings.keyPrefix}:vad:${deviceId}:${fileId}`;
  /** The schedule of open recordings, by when they close if no chunk comes. */
  const openRecordings = `${settings.keyPrefix}:vad:open`;
  // Chunks and the idle check touch the same recordings: in this process one at a time.
  let turn: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work);
    turn = result.catch(() => {});
    return result;
  };

  const samplesOf = async (chunk: RecentChunk): Promise<Float32Array> => {
    const bytes = await blobs.get(chunk.sha256);
    if (!bytes) throw new AudioDecodeError(`the chunk's audio blob ${chunk.sha256} is not in the blob store`);
    return decodeChunk(bytes, chunk);
  };

  /** The segment's audio with padding, from the recent chunks still held. */
  async function segmentEvent(recording: Recording, segment: SpeechSegment, vad: SileroVad): Promise<NewEvent<typeof speechSegment>> {
    // Exactly segmentPadMs either side, silence where no audio was heard (before the recording began), so
    // offset 0 of the WAV is always segmentPadMs before the segment's time.
    const from = segment.startMs - segmentPadMs;
    const to = segment.endMs + segmentPadMs;
    const joined = new Float32Array(Math.round(((to - from) * vadSampleRate) / 1000));
    for (const chunk of recording.recent) {
      if (chunk.startMs + chunk.durationMs < from || chunk.startMs > to) continue;
      const samples = await samplesOf(chunk);
      const at = Math.round(((chunk.startMs - from) * vadSampleRate) / 1000);
      const first = Math.max(0, -at);
      const last = Math.min(samples.length, joined.length - at);
      if (last > first) joined.set(samples.subarray(first, last), at + first);
    }
    const wav = encodeWav(joined);
    const audio: BlobRef = { sha256: await blobs.put(wav), byteSize: wav.length, mimeType: 'audio/wav' };
    const { deviceId, fileId } = recording;
    const segmentId = `${fileId}@${segment.startMs}`;
    return {
      deviceId,
      time: new Date(segment.startMs),
      payload: { fileId, segmentId, durationMs: Math.round(segment.endMs - segment.startMs), probability: segment.probability, audio, model: vad.model },
    };
  }

  /** Ends the open segment where the audio stopped and starts the model afresh: a gap or the end. */
  async function breakAt(recording: Recording, vad: SileroVad, output: Output): Promise<void> {
    const segment = flush(recording.segmenter, recording.audioEndMs);
    if (segment) output.segments.push(await segmentEvent(recording, segment, vad));
    Object.assign(recording, { rnn: freshRnnState(), carry: new Float32Array(0), segmenter: silence() });
  }

  async function hear(recording: Recording, chunkEvent: AudioChunk, vad: SileroVad, output: Output): Promise<void> {
    const { payload } = chunkEvent;
    const chunk: RecentChunk = {
      sha256: payload.audio.sha256,
      startMs: chunkEvent.time.getTime(),
      durationMs: payload.durationMs,
      encoding: payload.encoding,
      sampleRateHz: payload.sampleRateHz,
      channels: payload.channels,
    };
    recording.nextSeq = payload.seq + 1;
    let samples: Float32Array;
    try {
      samples = await samplesOf(chunk);
    } catch (error) {
      if (!(error instanceof AudioDecodeError)) throw error;
      output.rejected.push({ event: chunkEvent, error: `audio chunk ${payload.seq} of ${recording.fileId}: ${error.message}` });
      await breakAt(recording, vad, output);
      return;
    }
    // A chunk that does not follow the previous one in time starts afresh at its own time.
    if (recording.carry.length === 0 || Math.abs(recording.audioEndMs - chunk.startMs) > frameMs) recording.carryStartMs = chunk.startMs - (recording.carry.length * 1000) / vadSampleRate;
    const audio = new Float32Array(recording.carry.length + samples.length);
    audio.set(recording.carry);
    audio.set(samples, recording.carry.length);
    recording.recent.push(chunk);
    const heardSamples = audio.length - (audio.length % frameSamples);
    recording.carry = audio.slice(heardSamples);
    if (heardSamples > 0) {
      // The chunk's whole frames go to the model at once (audio is handed over); the state comes back with them.
      const heard = await vad.frames(audio, recording.rnn);
      recording.rnn = heard.state;
      for (const [frame, probability] of heard.probabilities.entries()) {
        const startMs = recording.carryStartMs + (frame * frameSamples * 1000) / vadSampleRate;
        const next = step(recording.segmenter, { startMs, durationMs: frameMs, probability });
        recording.segmenter = next.state;
        if (next.segment) output.segments.push(await segmentEvent(recording, next.segment, vad));
      }
    }
    recording.carryStartMs += (heardSamples * 1000) / vadSampleRate;
    recording.audioEndMs = chunk.startMs + (samples.length * 1000) / vadSampleRate;
    // Only chunks that may still hold audio of a segment to come are kept.
    const keepFrom = (recording.segmenter.speechStartMs ?? recording.carryStartMs) - segmentPadMs;
    recording.recent = recording.recent.filter((c) => c.startMs + c.durationMs >= keepFrom);
    if (payload.isLast) await close(recording, 'end', vad, output);
  }

  /** Hears what is held past any gaps, ends the open segment, and takes no more chunks. */
  async function close(recording: Recording, why: 'end' | 'idle', vad: SileroVad, output: Output): Promise<void> {
    recording.closedBy = why;
    for (const held of recording.early.splice(0)) {
      if (held.payload.seq !== recording.nextSeq) await breakAt(recording, vad, output);
      await hear(recording, held, vad, output);
    }
    await breakAt(recording, vad, output);
  }

  async function admit(recording: Recording, chunkEvent: AudioChunk, vad: SileroVad, output: Output): Promise<void> {
    const { seq } = chunkEvent.payload;
    const kind = arrival(recording, seq);
    if (kind === 'duplicate') return;
    if (kind === 'late') {
      const why = recording.closedBy === 'end' ? 'its last chunk' : `no chunk for ${settings.recordingIdleMs / 1000} s`;
      output.rejected.push({ event: chunkEvent, error: `audio chunk ${seq} of ${recording.fileId} came after the recording closed (${why}); send a new fileId for new audio` });
      return;
    }
    if (kind === 'early') {
      holdEarly(recording, chunkEvent);
      if (recording.early.length <= maxEarlyChunks) return;
      // Waited long enough: the missing chunks are a gap.
      await breakAt(recording, vad, output);
      recording.nextSeq = recording.early[0]!.payload.seq;
    } else {
      await hear(recording, chunkEvent, vad, output);
    }
    while (recording.early[0] && recording.early[0].payload.seq === recording.nextSeq) await hear(recording, recording.early.shift()!, vad, output);
  }

  async function save(key: string, recording: Recording): Promise<void> {
    await cache.set(key, serialize(recording), recordingTtlS);
    if (recording.closedBy) await cache.unschedule(openRecordings, key);
    else await cache.schedule(openRecordings, key, Date.now() + settings.recordingIdleMs);
  }

  async function heardBatch(events: readonly AudioChunk[], context: ConsumerContext<typeof speechSegment>, vad: SileroVad): Promise<{ rejected: Rejection<typeof audioChunk>[] }> {
    const output: Output = { segments: [], rejected: [] };
    const recordings = new Map<string, Recording>();
    for (const chunkEvent of events) {
      const { fileId } = chunkEvent.payload;
      const key = stateKey(chunkEvent.deviceId, fileId);
      let recording = recordings.get(key);
      if (!recording) {
        const saved = await cache.get(key);
        recordings.set(key, (recording = saved ? deserialize(saved) : newRecording(chunkEvent.deviceId, fileId)));
      }
      await admit(recording, chunkEvent, vad, output);
    }
    // Segments first, state second: a crash in between repeats segments (same ids), never loses them.
    if (output.segments.length > 0) await context.emit(speechSegment, output.segments);
    for (const [key, recording] of recordings) await save(key, recording);
    return { rejected: output.rejected };
  }

  async function closeIdle(keys: readonly string[], context: ConsumerContext<typeof speechSegment>, vad: SileroVad): Promise<void> {
    const output: Output = { segments: [], rejected: [] };
    const closing: [string, Recording][] = [];
    for (const key of keys) {
      const saved = await cache.get(key);
      if (!saved) continue;
      const recording = deserialize(saved);
      if (recording.closedBy) continue;
      await close(recording, 'idle', vad, output);
      closing.push([key, recording]);
    }
    try {
      if (output.segments.length > 0) await context.emit(speechSegment, output.segments);
      for (const [key, recording] of closing) await save(key, recording);
    } catch (error) {
      // Closed next time round, from the state as it was.
      await Promise.all(keys.map((key) => cache.schedule(openRecordings, key, Date.now())));
      throw error;
    }
    // Chunks held past a gap were accepted and stored with the raw audio: one that does not decode is only reported.
    for (const { error } of output.rejected) console.warn(`vad: closing an idle recording: ${error}`);
  }

  return {
    handle: (events, context) => oneAtATime(() => model.use((vad) => heardBatch(events, context, vad))),
    periodic: {
      everyMs: closeIdleEveryMs,
      run: (context) =>
        oneAtATime(async () => {
          const keys = await cache.takeDue(openRecordings, Date.now(), closeIdleBatch);
          if (keys.length > 0) await model.use((vad) => closeIdle(keys, context, vad));
        }),
    },
    close: () => model.release(),
  };
}
