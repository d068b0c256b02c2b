// The speech-to-text port: samples in, text and timed tokens out. Two backends sit behind it
// (sherpa-onnx running Parakeet TDT or Whisper); words are made from tokens the same way for both.

export interface RecognizedToken {
  text: string;
  /** Offset from the start of the audio. */
  startMs: number;
  /** Probability of the token, where the model reports one. */
  confidence?: number;
}

export interface Recognition {
  text: string;
  tokens: RecognizedToken[];
  language?: string;
}

export interface SpeechRecognizer {
  /** Model and version, as recorded on each transcript. */
  readonly model: string;
  recognize(samples: Float32Array): Promise<Recognition>;
  /** Frees the model now; without it, the model goes with the garbage collector once dropped. */
  release?(): Promise<void>;
}

export interface TimedWord {
  word: string;
  startMs: number;
  endMs: number;
  confidence: number | null;
}

/** A token that begins a word: BPE (Whisper) marks it with a leading space, SentencePiece (NeMo) with ▁. */
const beginsWord = (token: string) => /^[\s▁]/.test(token);

/**
 * Words from timed tokens: a word runs from its first token's start to the next word's start (the
 * last one to the end of the speech), with the mean confidence of its tokens.
 */
export function wordsOf(tokens: readonly RecognizedToken[], speechEndMs: number): TimedWord[] {
  const groups: RecognizedToken[][] = [];
  for (const token of tokens) {
    if (token.text.trim() === '' && !beginsWord(token.text)) continue;
    if (groups.length === 0 || beginsWord(token.text)) groups.push([token]);
    else groups.at(-1)!.push(token);
  }
  return groups
    .map((group, i) => {
      const confidences = group.map((t) => t.confidence).filter((c): c is number => c !== undefined);
      return {
        word: group.map((t) => t.text.replace(/^[\s▁]+/, '')).join('').trim(),
        startMs: Math.round(group[0]!.startMs),
        endMs: Math.round(Math.max(group[0]!.startMs, groups[i + 1]?.[0]!.startMs ?? speechEndMs)),
        confidence: confidences.length > 0 ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
      };
    })
    .filter((w) => w.word !== '');
}
