// `npm run models -- verify` of a Moondream model, on the tiny one: loaded as the images consumer
// loads it (its files by their roles), it captions the bright and the dark image apart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { moondreamModel } from '../../consumers/images/moondream-local-settings.ts';
import { findModel } from '../../models/manifest.ts';
import { buildTinyMoondream, tinyMoondreamCaptions } from './tiny-moondream.ts';
import { moondreamBrokenBecause, verifyMoondream } from './verify-moondream.ts';

describe('verify of a Moondream model', () => {
  const root = mkdtempSync(join(tmpdir(), 'lifestream-verify-moondream-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('captions the bright and the dark image with the model as Lifestream loads it, and calls an empty caption broken', async () => {
    const tiny = findModel('moondream-test');
    const dir = join(root, tiny.name);
    await buildTinyMoondream(tiny, { force: true, dir });
    const verification = await verifyMoondream(moondreamModel(tiny, dir), 1);
    assert.deepEqual(
      verification.captions.map(({ image, caption }) => ({ image, caption })),
      [
        { image: 'bright', caption: tinyMoondreamCaptions.bright },
        { image: 'dark', caption: tinyMoondreamCaptions.dark },
      ],
    );
    assert.equal(moondreamBrokenBecause(verification), undefined);
    const silent = { ...verification, captions: verification.captions.map((c) => ({ ...c, caption: '' })) };
    assert.equal(moondreamBrokenBecause(silent), 'an empty caption of the bright and the dark image');
  });
});
