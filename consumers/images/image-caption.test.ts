import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeCaption } from './image-caption.ts';

describe('image caption', () => {
  it('counts objects by label, adds the faces and the text on one line', () => {
    assert.equal(
      composeCaption({ objectLabels: ['person', 'cup', 'person', 'wine glass', 'wine glass'], faceCount: 2, text: 'Quarterly budget\nreview' }),
      '2 people, a cup, 2 wine glasses, 2 faces; text: Quarterly budget review',
    );
    assert.equal(composeCaption({ objectLabels: ['umbrella', 'scissors'], faceCount: 1, text: '' }), 'an umbrella, scissors, 1 face');
  });

  it('shortens long text and says when nothing was found', () => {
    const caption = composeCaption({ objectLabels: [], faceCount: 0, text: 'word '.repeat(100) });
    assert.equal(caption.length, 'text: '.length + 120);
    assert.ok(caption.endsWith('…'));
    assert.equal(composeCaption({ objectLabels: [], faceCount: 0, text: '  ' }), 'nothing recognised');
  });
});
