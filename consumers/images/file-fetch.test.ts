// The fetch Human is given: files from the disk by file: URL, everything else passed on.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fetchWithFiles } from './file-fetch.ts';

describe('fetch with files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-file-fetch-'));
  writeFileSync(join(dir, 'model.json'), '{"format":"graph-model"}');
  const passedOn: string[] = [];
  const fetchFiles = fetchWithFiles(async (input) => {
    passedOn.push(String(input));
    return new Response('from the network');
  });

  it('reads a file: URL from the disk', async () => {
    const response = await fetchFiles(pathToFileURL(join(dir, 'model.json')).href);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { format: 'graph-model' });
    const asUrl = await fetchFiles(pathToFileURL(join(dir, 'model.json')));
    assert.equal(await asUrl.text(), '{"format":"graph-model"}');
  });

  it('answers 404 for a file that is not there, naming it', async () => {
    const response = await fetchFiles(pathToFileURL(join(dir, 'missing.bin')).href);
    assert.equal(response.status, 404);
    assert.match(response.statusText, /missing\.bin/);
  });

  it('passes every other URL on', async () => {
    assert.equal(await (await fetchFiles('https://example.org/model.json')).text(), 'from the network');
    assert.deepEqual(passedOn, ['https://example.org/model.json']);
  });
});
