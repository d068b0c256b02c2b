import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repositoryRoot } from './generated-regions.ts';
import { brokenLinks, documentationPages } from './relative-links.ts';

describe('links in the README and docs/', () => {
  it('every relative link leads to a file that exists, and to a heading of it', () => {
    assert.deepEqual(brokenLinks(repositoryRoot), []);
  });

  const root = mkdtempSync(join(tmpdir(), 'lifestream-links-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('finds a missing file, a missing heading and a missing heading of the page itself, not links in code', () => {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'README.md'), '# Title\n\n[ok](docs/a.md#the-a-page) [gone](docs/gone.md) [web](https://example.org/x) `[code](nowhere.md)`\n');
    writeFileSync(join(root, 'docs', 'a.md'), '# The `a` page\n\n[up](../README.md#title) [no](../README.md#nope) [self](#missing)\n\n```\n[block](nowhere.md)\n```\n');
    assert.deepEqual(documentationPages(root), ['README.md', 'docs/a.md']);
    assert.deepEqual(brokenLinks(root), [
      { page: 'README.md', href: 'docs/gone.md', why: 'docs/gone.md does not exist' },
      { page: 'docs/a.md', href: '../README.md#nope', why: 'README.md has no heading whose anchor is #nope' },
      { page: 'docs/a.md', href: '#missing', why: 'docs/a.md has no heading whose anchor is #missing' },
    ]);
  });
});
