import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinedText, mergeTextLines } from './screen-text.ts';

const line = (text: string, x: number, y: number) => ({ text, confidence: 0.9, box: { x, y, width: 200, height: 20 } });

describe('screen text', () => {
  it('keeps lines outside the changed part and replaces those inside it, in reading order', () => {
    const previous = [line('Inbox', 10, 10), line('Meeting at 10', 10, 100), line('Footer', 10, 400)];
    const merged = mergeTextLines(previous, { x: 0, y: 90, width: 300, height: 40 }, [line('Meeting moved to 11', 10, 101)]);
    assert.equal(joinedText(merged), 'Inbox\nMeeting moved to 11\nFooter');
  });

  it('drops a line that disappeared from the changed part', () => {
    const merged = mergeTextLines([line('Toast: saved', 500, 600)], { x: 480, y: 590, width: 260, height: 40 }, []);
    assert.deepEqual(merged, []);
  });
});
