// From per-frame speech probabilities to speech segments, with hysteresis: speech starts at a frame
// above the threshold and ends once the probability has stayed below a lower one for minSilenceMs.
// Pure, and its state is plain data: it travels between chunks (and processes) in the cache.

export interface SegmenterSettings {
  threshold: number;
  /** Below this the frame counts as silence; between the two, speech continues. */
  negativeThreshold: number;
  minSilenceMs: number;
  minSpeechMs: number;
  /** Longer speech is cut into segments of at most this, so a recognizer's window holds each. */
  maxSpeechMs: number;
}

/** maxSpeechMs leaves Whisper's 30 s window room for the 300 ms of padding either side. */
export const sileroSettings: SegmenterSettings = { threshold: 0.5, negativeThreshold: 0.35, minSilenceMs: 500, minSpeechMs: 250, maxSpeechMs: 29_000 };

export interface SegmenterState {
  /** Epoch ms where the open segment started; absent outside speech. */
  speechStartMs?: number;
  /** Epoch ms where the current run of silence inside a segment started. */
  silenceSinceMs?: number;
  probabilitySum: number;
  speechFrames: number;
}

export interface Frame {
  startMs: number;
  durationMs: number;
  probability: number;
}

export interface SpeechSegment {
  startMs: number;
  endMs: number;
  /** Mean speech probability of the segment's speech frames. */
  probability: number;
}

export const silence = (): SegmenterState => ({ probabilitySum: 0, speechFrames: 0 });

function closed(state: SegmenterState, endMs: number, settings: SegmenterSettings): SpeechSegment | undefined {
  const start = state.speechStartMs;
  if (start === undefined || endMs - start < settings.minSpeechMs) return undefined;
  return { startMs: start, endMs, probability: state.probabilitySum / Math.max(1, state.speechFrames) };
}

export function step(state: SegmenterState, frame: Frame, settings: SegmenterSettings = sileroSettings): { state: SegmenterState; segment?: SpeechSegment } {
  if (state.speechStartMs !== undefined && frame.startMs + frame.durationMs - state.speechStartMs > settings.maxSpeechMs) {
    // Too long to recognize in one piece: end it here and go on with a new segment from this frame.
    const segment = closed(state, frame.startMs, settings);
    const next = step(silence(), frame, settings);
    return { state: next.state, ...(segment ? { segment } : {}) };
  }
  if (frame.probability >= settings.threshold) {
    return {
      state: {
        speechStartMs: state.speechStartMs ?? frame.startMs,
        probabilitySum: state.probabilitySum + frame.probability,
        speechFrames: state.speechFrames + 1,
      },
    };
  }
  if (state.speechStartMs === undefined) return { state };
  if (frame.probability >= settings.negativeThreshold) return { state: { ...state, silenceSinceMs: undefined } };
  const silenceSinceMs = state.silenceSinceMs ?? frame.startMs;
  if (frame.startMs + frame.durationMs - silenceSinceMs < settings.minSilenceMs) return { state: { ...state, silenceSinceMs } };
  const segment = closed(state, silenceSinceMs, settings);
  return { state: silence(), ...(segment ? { segment } : {}) };
}

/** Ends an open segment where the audio ends (the recording closed, or a chunk is missing). */
export function flush(state: SegmenterState, audioEndMs: number, settings: SegmenterSettings = sileroSettings): SpeechSegment | undefined {
  return closed(state, state.silenceSinceMs ?? audioEndMs, settings);
}
