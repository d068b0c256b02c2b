// What every detector's raw output goes through before it is believed: a score threshold, then greedy
// non-maximum suppression, so that one object seen by several overlapping candidate boxes is kept once.
import { intersectionOverUnion, type Box } from './boxes.ts';

export interface Detection {
  label: string;
  score: number;
  box: Box;
}

export interface SuppressionOptions {
  /** Candidates scoring below this are dropped (0–1). */
  minScore: number;
  /** A candidate overlapping a better one by more than this intersection over union is dropped (0–1). */
  iouThreshold: number;
  /** Only candidates of the same label suppress each other (a person on a motorcycle keeps both). */
  perLabel: boolean;
  /** At most this many are kept, best first. */
  maxDetections: number;
}

export const aboveScore = <T extends Detection>(candidates: readonly T[], minScore: number): T[] => candidates.filter((candidate) => candidate.score >= minScore);

/** The candidates worth keeping, best score first. */
export function nonMaxSuppression<T extends Detection>(candidates: readonly T[], options: SuppressionOptions): T[] {
  const kept: T[] = [];
  for (const candidate of aboveScore(candidates, options.minScore).sort((a, b) => b.score - a.score)) {
    if (kept.length === options.maxDetections) break;
    const overlapsBetter = kept.some(
      (better) => (!options.perLabel || better.label === candidate.label) && intersectionOverUnion(better.box, candidate.box) > options.iouThreshold,
    );
    if (!overlapsBetter) kept.push(candidate);
  }
  return kept;
}
