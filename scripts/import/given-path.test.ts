import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { givenPath } from './given-path.ts';

describe('the path a source is imported from', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lifestream-given-path-'));
  const file = join(folder, 'Records.json');
  writeFileSync(file, '{}');

  it('is taken when the file is there', () => {
    assert.equal(givenPath('location', file, 'your Records.json export'), file);
  });

  it('names the source, the path and what to give when nothing is there, instead of ENOENT', () => {
    const missing = join(folder, 'Recrods.json');
    assert.throws(() => givenPath('location', missing, 'your Records.json export'), { message: `location: no file at ${missing}: give the path of your Records.json export` });
  });

  it('refuses a folder where a file is read, and takes one where folders are searched', () => {
    assert.throws(() => givenPath('location', folder, 'your Records.json export'), { message: `location: ${folder} is a folder, not a file: give the path of your Records.json export` });
    assert.equal(givenPath('eml', folder, '.eml files or folders of them', 'file or folder'), folder);
  });
});
