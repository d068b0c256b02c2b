import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldedSummary, inlineText } from './field-text.ts';

describe('field values in the detail panel', () => {
  it('shows plain values and short lists of them inline, an email’s recipients among them', () => {
    assert.equal(inlineText('Hello there'), 'Hello there');
    assert.equal(inlineText(61), '61');
    assert.equal(inlineText(null), 'null');
    assert.equal(inlineText(['alice@example.org']), 'alice@example.org');
    assert.equal(inlineText(['alice@example.org', 'bob@example.org']), 'alice@example.org, bob@example.org');
    assert.equal(inlineText([]), '');
  });

  it('folds structured values and long lists away, counting their items', () => {
    assert.equal(inlineText([{ word: 'hello', startMs: 0 }]), undefined);
    assert.equal(inlineText({ sha256: 'ab', byteSize: 2 }), undefined);
    assert.equal(inlineText(Array.from({ length: 100 }, (_, i) => `person${i}@example.org`)), undefined);
    assert.equal(foldedSummary([{ word: 'hello' }]), '1 item');
    assert.equal(foldedSummary([1, 2]), '2 items');
    assert.equal(foldedSummary({ a: 1 }), 'details');
  });
});
