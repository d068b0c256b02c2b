import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoMatches, memoOfRow, type MemoRow } from './memo.ts';
import { tagsInMarkdown } from './memo-tags.ts';

const row = (payload: string | null, content = 'plain text #fromtext'): MemoRow => ({ id: 1, uid: 'u1', created_ts: 1780300000, content, payload });

describe('a memo row as Memos wrote it', () => {
  it('takes tags from payload.tags (v0.23.1 on), payload.property.tags (v0.22 to v0.23.0), else the text', () => {
    assert.deepEqual(memoOfRow(row('{"property":{"hasLink":true},"tags":["work/meeting"]}')).tags, ['work/meeting']);
    assert.deepEqual(memoOfRow(row('{"property":{"tags":["health","running"],"hasTaskList":true}}')).tags, ['health', 'running']);
    assert.deepEqual(memoOfRow(row('{"property":{}}')).tags, [], 'a payload Memos computed, without tags: a memo without tags');
    assert.deepEqual(memoOfRow(row('{}')).tags, ['fromtext'], 'a memo from before v0.22 that was never saved again');
    assert.deepEqual(memoOfRow(row(null)).tags, ['fromtext'], 'a version without payload');
    assert.deepEqual(memoOfRow(row('{"tags":"oops","property":{"title":"T"}}')).title, 'T', 'a field of an odd shape does not spoil the rest');
  });

  it('keeps a coordinate of 0, which protojson leaves out', () => {
    assert.deepEqual(memoOfRow(row('{"location":{"placeholder":"Greenwich","latitude":51.4769}}')).location, { placeholder: 'Greenwich', latitude: 51.4769, longitude: 0 });
    assert.deepEqual(memoOfRow(row('{"location":{"placeholder":"Equator","longitude":-78.45}}')).location, { placeholder: 'Equator', latitude: 0, longitude: -78.45 });
    assert.deepEqual(memoOfRow(row('{"location":{}}')).location, { latitude: 0, longitude: 0 }, 'Null Island, as Memos shows it');
    assert.equal(memoOfRow(row('{"property":{}}')).location, undefined);
  });

  it('finds a tag and the tags nested under it, whole segments only', () => {
    const memo = memoOfRow(row('{"property":{},"tags":["work/meeting","health"]}'));
    const withTags = (...tags: string[]) => memoMatches(memo, { includeArchived: false, tags });
    assert.equal(withTags('work'), true);
    assert.equal(withTags('work/meeting'), true);
    assert.equal(withTags('work', 'health'), true);
    assert.equal(withTags('wor'), false);
    assert.equal(withTags('work/meeting/notes'), false);
    assert.equal(withTags('meeting'), false);
  });
});

describe('tags in markdown', () => {
  it('are words starting with #, outside code, links and raw HTML blocks', () => {
    assert.deepEqual(tagsInMarkdown('call mum #family #todo, then #todo again'), ['family', 'todo']);
    assert.deepEqual(tagsInMarkdown('```c\n#include <stdio.h>\n```\nreal #tag'), ['tag']);
    assert.deepEqual(tagsInMarkdown('    #indented code\n\npara #p'), ['p']);
    assert.deepEqual(tagsInMarkdown('use `#define X` and #work/meeting'), ['work/meeting']);
    assert.deepEqual(tagsInMarkdown('[#notatag](https://example.com/#anchor) https://example.com/#anchor #ok'), ['ok']);
    assert.deepEqual(tagsInMarkdown('<div>\n#inhtml\n</div>\n\n\\#escaped #real'), ['real']);
    assert.deepEqual(tagsInMarkdown('# Heading #h\n\n- item #li\n- [ ] task #task\n\n> #quoted\n\n| a |\n|---|\n| #cell |'), ['h', 'li', 'task', 'quoted', 'cell']);
  });
});
