// Word error rate, how a speech model is judged against what was said: the word-level edit distance
// (substitutions, insertions, deletions) over the reference's word count. Case and punctuation do
// not count.

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Edits that turn the reference's words into the hypothesis's. */
function wordEdits(reference: string[], hypothesis: string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1]! + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[hypothesis.length]!;
}

/** The word error rate of one hypothesis against one reference. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const said = words(reference);
  return wordEdits(said, words(hypothesis)) / said.length;
}

/**
 * The word error rate of a corpus: every sentence said, in order, against everything heard, in order,
 * so that one sentence heard in two segments, or two in one, costs nothing.
 */
export const corpusWordErrorRate = (said: readonly string[], heard: readonly string[]) => wordErrorRate(said.join(' '), heard.join(' '));
