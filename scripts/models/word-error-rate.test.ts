import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusWordErrorRate, wordErrorRate } from './word-error-rate.ts';

describe('word error rate', () => {
  it('counts substitutions, insertions and deletions over the words said, not case or punctuation', () => {
    assert.equal(wordErrorRate('Water the tomato plants.', 'water the tomato plants'), 0);
    assert.equal(wordErrorRate('Water the tomato plants.', 'walgur natamado plant'), 1);
    assert.equal(wordErrorRate('Then feed the cat.', 'then feed a cat today'), 0.5);
  });

  it('judges a corpus as one text, however it was cut into segments', () => {
    assert.equal(corpusWordErrorRate(['Remember to buy oat milk.', 'And call the dentist.'], ['Remember to buy', 'oat milk. And call the dentist.']), 0);
    assert.equal(corpusWordErrorRate(['Water the tomato plants.', 'Then feed the cat.'], ['walgur natamado plant', 'then feed the cat']), 0.5);
  });
});
