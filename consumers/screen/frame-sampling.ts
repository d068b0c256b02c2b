// Which keyframes of a session are analysed when they come faster than they can be: frames closer
// in time than the minimum interval to the last analysed one are skipped, and when a batch still
// holds more frames of the session than the per-batch cap (the consumer fell behind) they are
// thinned evenly, the last one always kept, so the newest screen is never the one left out.

export interface SamplingOptions {
  minFrameIntervalMs: number;
  maxFramesPerBatch: number;
}

export interface Sampled<T> {
  analysed: T[];
  skipped: T[];
}

/** frames in frameIndex order; lastAnalysedAtMs the time of the session's last analysed frame, if any. */
export function sampleFrames<T extends { timeMs: number }>(frames: readonly T[], lastAnalysedAtMs: number | undefined, options: SamplingOptions): Sampled<T> {
  const spaced: T[] = [];
  const skipped: T[] = [];
  let last = lastAnalysedAtMs;
  for (const frame of frames) {
    if (last !== undefined && frame.timeMs - last < options.minFrameIntervalMs) {
      skipped.push(frame);
      continue;
    }
    spaced.push(frame);
    last = frame.timeMs;
  }
  if (spaced.length <= options.maxFramesPerBatch) return { analysed: spaced, skipped };
  const keep = new Set<number>();
  // Evenly spread over the batch, ending on its last frame.
  for (let k = 0; k < options.maxFramesPerBatch; k++) keep.add(Math.round(((spaced.length - 1) * (k + 1)) / options.maxFramesPerBatch));
  return {
    analysed: spaced.filter((_, i) => keep.has(i)),
    skipped: [...skipped, ...spaced.filter((_, i) => !keep.has(i))],
  };
}
