import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagesWithin } from './url-tasks.ts';

describe('url tasks', () => {
  it("keeps a long PDF's pages within the text budget: cut where it passes, later pages kept empty", () => {
    const pages = [1, 2, 3].map((page) => ({ page, text: 'x'.repeat(10) }));
    assert.deepEqual(pagesWithin(pages, 15).map((p) => [p.page, p.text.length]), [[1, 10], [2, 5], [3, 0]]);
    assert.deepEqual(pagesWithin(pages, 100).map((p) => p.text.length), [10, 10, 10]);
  });
});
