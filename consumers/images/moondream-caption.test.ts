import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { standInCaption, startMoondreamServer, type MoondreamServer } from '../../test/fixtures/moondream-server.ts';
import { png } from '../../test/fixtures/png.ts';
import { askMoondream, chooseCaption } from './moondream-caption.ts';
import { openMoondreamClient } from './moondream-client.ts';

const findings = { objectLabels: ['cup'], faceCount: 0, text: '' };

describe('Moondream caption', () => {
  let station: MoondreamServer;
  before(async () => {
    station = await startMoondreamServer();
  });
  after(() => station.close());
  const captioning = () => ({ client: openMoondreamClient({ baseUrl: station.baseUrl, timeoutMs: 5_000 }), length: 'short' as const });

  it("takes Moondream's caption of the image, sent as a JPEG at most 1024 px a side, and names it", async () => {
    const answer = await askMoondream(png(2048, 1024, () => [10, 20, 30]), 100_000_000, captioning());
    assert.deepEqual(chooseCaption(findings, answer), { caption: standInCaption(1024, 512), source: `caption: Moondream at ${station.baseUrl} (short)` });
    assert.deepEqual(station.contractBreaches, []);
  });

  it('composes the caption when Moondream gives none, an empty one, or none was asked, saying why', async () => {
    station.behave({ answer: 'status', status: 200, body: '{"request_id":"r","caption":"  "}' });
    const empty = await askMoondream(png(32, 32, () => [10, 20, 30]), 100_000_000, captioning());
    assert.deepEqual(chooseCaption(findings, empty), { caption: 'a cup', source: `caption composed from the findings (Moondream caption at ${station.baseUrl}: an empty caption)` });
    const broken = await askMoondream(Buffer.from('not an image'), 100_000_000, captioning());
    assert.match(chooseCaption(findings, broken).source, /^caption composed from the findings \(the image could not be made a JPEG for Moondream: /);
    assert.deepEqual(chooseCaption(findings, undefined), { caption: 'a cup', source: 'caption composed from the findings, no captioning model' });
  });
});
