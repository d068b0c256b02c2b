// `npm run models -- pull` of Moondream's release, without the network: a download already in the
// downloads folder is used as it is (how a machine without internet access installs a model), here
// the tiny model's archive under the release's file name.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadLocalMoondream } from '../../consumers/images/moondream-local.ts';
import { moondreamModel } from '../../consumers/images/moondream-local-settings.ts';
import { findModel } from '../../models/manifest.ts';
import { PullError, pullModel } from './pull.ts';
import { tinyMoondreamCaptions, writeTinyMoondreamArchive } from './tiny-moondream.ts';

describe('pull of a Moondream release', () => {
  const root = mkdtempSync(join(tmpdir(), 'lifestream-pull-'));
  const tinyArchive = join(root, 'tiny.mf.gz');
  const release = findModel('moondream-2b-int8');
  const releaseFile = basename(new URL(release.url!).pathname);

  before(() => writeTinyMoondreamArchive(tinyArchive, release));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('names the release on Hugging Face and every file captions and the region skills need', () => {
    assert.equal(release.url, 'https://huggingface.co/vikhyatk/moondream2/resolve/9dddae84d54db4ac56fe37817aeaeb502ed083e2/moondream-2b-int8.mf.gz');
    assert.deepEqual(release.archive, { format: 'moondream', sha256: null });
    assert.equal(findModel('moondream-0.5b-int8').url, 'https://huggingface.co/vikhyatk/moondream2/resolve/9dddae84d54db4ac56fe37817aeaeb502ed083e2/moondream-0_5b-int8.mf.gz');
  });

  it('unpacks the downloaded .mf.gz into the model folder, deletes it and prints its checksum', async () => {
    const downloadsDir = join(root, 'downloads');
    const dir = join(root, 'models', release.name);
    mkdirSync(downloadsDir, { recursive: true });
    copyFileSync(tinyArchive, join(downloadsDir, releaseFile));
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      await pullModel(release, { stallS: 1, downloadsDir, dir });
    } finally {
      console.log = log;
    }
    assert.deepEqual(readdirSync(dir).sort(), release.files.map((file) => file.path).sort());
    assert.equal(existsSync(join(downloadsDir, releaseFile)), false, 'the archive is deleted once unpacked');
    assert.equal(existsSync(`${dir}.partial`), false);
    assert.ok(printed.some((line) => new RegExp(`sha256 not yet in models/manifest.json: ${releaseFile} [0-9a-f]{64}$`).test(line)), printed.join('\n'));
    const moondream = await loadLocalMoondream(moondreamModel(release, dir), { threads: 1 });
    try {
      assert.equal(await moondream.caption({ data: new Uint8Array(16 * 16 * 3), width: 16, height: 16 }, { length: 'normal', maxTokens: 64 }), tinyMoondreamCaptions.dark);
    } finally {
      await moondream.release();
    }
  });

  it('refuses a download that is not a Moondream archive, and deletes it so that the next pull fetches it again', async () => {
    const downloadsDir = join(root, 'bad-downloads');
    const dir = join(root, 'bad-models', release.name);
    mkdirSync(downloadsDir, { recursive: true });
    writeFileSync(join(downloadsDir, releaseFile), '<html>Access denied</html>');
    await assert.rejects(
      pullModel(release, { stallS: 1, downloadsDir, dir }),
      (error: unknown) => error instanceof PullError && /^moondream-2b-int8: Moondream archive .* could not be read: incorrect header check; deleted .*moondream-2b-int8.mf.gz, pull again$/.test(error.message),
    );
    assert.equal(existsSync(join(downloadsDir, releaseFile)), false);
    assert.equal(existsSync(dir), false);
    assert.equal(existsSync(`${dir}.partial`), false);
  });
});
