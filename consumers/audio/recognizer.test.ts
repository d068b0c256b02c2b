import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsOf } from './recognizer.ts';

describe('words from recognized tokens', () => {
  it('joins Whisper BPE pieces into words timed from token to token', () => {
    const words = wordsOf(
      [
        { text: ' Rem', startMs: 100 },
        { text: 'ember', startMs: 260 },
        { text: ' to', startMs: 520 },
        { text: ' buy', startMs: 640, confidence: 0.8 },
        { text: ' oat', startMs: 900, confidence: 0.6 },
        { text: ' milk', startMs: 1100 },
        { text: '.', startMs: 1400 },
      ],
      1600,
    );
    assert.deepEqual(words, [
      { word: 'Remember', startMs: 100, endMs: 520, confidence: null },
      { word: 'to', startMs: 520, endMs: 640, confidence: null },
      { word: 'buy', startMs: 640, endMs: 900, confidence: 0.8 },
      { word: 'oat', startMs: 900, endMs: 1100, confidence: 0.6 },
      { word: 'milk.', startMs: 1100, endMs: 1600, confidence: null },
    ]);
  });

  it('joins SentencePiece pieces (NeMo) the same way', () => {
    const words = wordsOf([{ text: '▁call', startMs: 0 }, { text: '▁the', startMs: 300 }, { text: '▁dent', startMs: 420 }, { text: 'ist', startMs: 600 }], 900);
    assert.deepEqual(words.map((w) => [w.word, w.startMs, w.endMs]), [['call', 0, 300], ['the', 300, 420], ['dentist', 420, 900]]);
  });
});
