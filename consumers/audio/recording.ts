// An open recording as the VAD consumer remembers it between chunks: which chunk comes next, the
// model's recurrent state, the samples short of a frame, the open speech segment, the recent
// chunks that hold its audio, and chunks that arrived early. Plain data, kept in the Cache.
import { decodeEvent, encodeEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { audioChunk } from '../../schema/kinds/media.ts';
import { silence, type SegmenterState } from './speech-segments.ts';
import { freshRnnState, type RnnState } from './silero-vad.ts';

export type AudioChunk = Event<typeof audioChunk>;

export interface RecentChunk {
  sha256: string;
  startMs: number;
  durationMs: number;
  encoding: string;
  sampleRateHz: number;
  channels: number;
}

export interface Recording {
  deviceId: string;
  fileId: string;
  nextSeq: number;
  rnn: RnnState;
  /** Samples after the last whole frame, and the time of the first of them. */
  carry: Float32Array;
  carryStartMs: number;
  /** Where the audio heard so far ends. */
  audioEndMs: number;
  segmenter: SegmenterState;
  recent: RecentChunk[];
  /** Chunks past a missing one, in seq order, waiting for it. */
  early: AudioChunk[];
  /** Why no more chunks are taken: the device sent its last one, or none came for the idle time. */
  closedBy?: 'end' | 'idle';
}

export const newRecording = (deviceId: string, fileId: string): Recording => ({
  deviceId,
  fileId,
  nextSeq: 0,
  rnn: freshRnnState(),
  carry: new Float32Array(0),
  carryStartMs: 0,
  audioEndMs: 0,
  segmenter: silence(),
  recent: [],
  early: [],
});

const toBase64 = (floats: Float32Array) => Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
const fromBase64 = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** An early chunk kept as it travelled, so it comes back as the codec read it the first time. */
function decodeHeld(wire: string): AudioChunk {
  const decoded = decodeEvent(wire, [audioChunk]);
  if (!('event' in decoded)) throw new Error(`a held audio chunk no longer decodes: ${'error' in decoded ? decoded.error : 'skipped'}`);
  return decoded.event;
}

export function serialize(recording: Recording): string {
  return JSON.stringify({
    ...recording,
    rnn: { h: toBase64(recording.rnn.h), c: toBase64(recording.rnn.c) },
    carry: toBase64(recording.carry),
    early: recording.early.map(encodeEvent),
  });
}

export function deserialize(text: string): Recording {
  const raw = JSON.parse(text) as Omit<Recording, 'rnn' | 'carry' | 'early'> & { rnn: { h: string; c: string }; carry: string; early: string[] };
  return { ...raw, rnn: { h: fromBase64(raw.rnn.h), c: fromBase64(raw.rnn.c) }, carry: fromBase64(raw.carry), early: raw.early.map(decodeHeld) };
}

export type Arrival = 'next' | 'duplicate' | 'early' | 'late';

/** What a chunk with this seq is to the recording. */
export function arrival(recording: Recording, seq: number): Arrival {
  if (seq < recording.nextSeq) return 'duplicate';
  if (recording.closedBy) return 'late';
  if (seq === recording.nextSeq) return 'next';
  return recording.early.some((e) => e.payload.seq === seq) ? 'duplicate' : 'early';
}

/** Keeps an early chunk in seq order. */
export function holdEarly(recording: Recording, chunk: AudioChunk): void {
  recording.early.push(chunk);
  recording.early.sort((a, b) => a.payload.seq - b.payload.seq);
}
