// A summary computed here, without a model: the sentences that carry the text's most frequent
// words (a frequency-scored extract, in the text's own order). Used when no summary endpoint is set.

const minWordLength = 4;
const stopWords = new Set('about above after again also another because been before being below between both could does doing down during each from further have having here itself just more most much only other over same should some such than that their them then there these they this those through under until very were what when where which while whom will with would your yours into onto upon'.split(' '));

const wordsOf = (sentence: string) => (sentence.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]*/gu) ?? []).filter((w) => w.length >= minWordLength && !stopWords.has(w));

function sentencesOf(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return [...segmenter.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter((s) => s.length >= 20);
}

/** At most maxSentences sentences of text, at most maxChars characters; empty text gives ''. */
export function extractiveSummary(text: string, maxSentences = 3, maxChars = 1_200): string {
  const sentences = sentencesOf(text.slice(0, 200_000));
  if (sentences.length <= maxSentences) return sentences.join(' ').slice(0, maxChars);
  const frequency = new Map<string, number>();
  for (const sentence of sentences) for (const word of wordsOf(sentence)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const scored = sentences.map((sentence, index) => {
    const words = wordsOf(sentence);
    // Mean frequency, so long sentences do not win by length alone; a slight lead for the opening.
    const score = words.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.max(words.length, 1) + (index === 0 ? 0.5 : 0);
    return { sentence, index, score };
  });
  const picked = scored.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, maxSentences).sort((a, b) => a.index - b.index);
  let summary = '';
  for (const { sentence } of picked) {
    const next = summary ? `${summary} ${sentence}` : sentence;
    if (next.length > maxChars) break;
    summary = next;
  }
  return summary || picked[0]!.sentence.slice(0, maxChars);
}
