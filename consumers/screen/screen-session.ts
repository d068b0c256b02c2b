// An open screen session as the screen consumer remembers it between keyframes, kept in the Cache
// so that any instance can take its next frame: the frames seen, the grey copy of the last analysed
// frame (for flow and the frame difference), the open tracks, what the screen showed (objects, text),
// and its counts. Plain data; the grey copy travels as base64.
import type { TextLine } from '../images/text-recognizer.ts';
import type { GrayFrame } from './frame-difference.ts';
import { noTracks, type Tracks } from './tracking.ts';

export interface TrackedObject {
  label: string;
  confidence: number;
  box: { x: number; y: number; width: number; height: number };
  trackId: number;
}

export interface ScreenSession {
  deviceId: string;
  sessionId: string;
  startedAtMs: number;
  lastFrameAtMs: number;
  /** The highest frame index taken so far; -1 before the first. */
  lastFrameIndex: number;
  /** Indexes of the latest frames taken, to tell a duplicate (a redelivery) from a frame out of order. */
  recentFrameIndexes: number[];
  lastAnalysedAtMs?: number;
  frames: number;
  analysedFrames: number;
  skippedFrames: number;
  ocrRuns: number;
  ocrSkippedFrames: number;
  previous?: GrayFrame;
  tracks: Tracks;
  objects: TrackedObject[];
  textLines: TextLine[];
  closedBy?: 'END' | 'IDLE';
}

const recentFramesKept = 256;

export const newSession = (deviceId: string, sessionId: string, startedAtMs: number): ScreenSession => ({
  deviceId,
  sessionId,
  startedAtMs,
  lastFrameAtMs: startedAtMs,
  lastFrameIndex: -1,
  recentFrameIndexes: [],
  frames: 0,
  analysedFrames: 0,
  skippedFrames: 0,
  ocrRuns: 0,
  ocrSkippedFrames: 0,
  tracks: noTracks(),
  objects: [],
  textLines: [],
});

export type FrameArrival = 'next' | 'duplicate' | 'out-of-order' | 'closed';

/** What a frame with this index is to the session. */
export function frameArrival(session: ScreenSession, frameIndex: number): FrameArrival {
  if (session.recentFrameIndexes.includes(frameIndex)) return 'duplicate';
  if (session.closedBy) return 'closed';
  return frameIndex < session.lastFrameIndex ? 'out-of-order' : 'next';
}

/** Counts a frame as taken (analysed or skipped). */
export function takeFrame(session: ScreenSession, frameIndex: number, timeMs: number): void {
  session.frames++;
  session.lastFrameIndex = Math.max(session.lastFrameIndex, frameIndex);
  session.lastFrameAtMs = Math.max(session.lastFrameAtMs, timeMs);
  session.recentFrameIndexes = [...session.recentFrameIndexes, frameIndex].slice(-recentFramesKept);
}

interface SerializedSession extends Omit<ScreenSession, 'previous'> {
  previous?: { width: number; height: number; data: string };
}

export function serializeSession(session: ScreenSession): string {
  const { previous, ...rest } = session;
  const serialized: SerializedSession = { ...rest, ...(previous ? { previous: { width: previous.width, height: previous.height, data: Buffer.from(previous.data).toString('base64') } } : {}) };
  return JSON.stringify(serialized);
}

export function deserializeSession(text: string): ScreenSession {
  const { previous, ...rest }: SerializedSession = JSON.parse(text);
  return { ...rest, ...(previous ? { previous: { width: previous.width, height: previous.height, data: new Uint8Array(Buffer.from(previous.data, 'base64')) } } : {}) };
}
