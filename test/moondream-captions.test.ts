// Captions by Moondream end to end: with LIFESTREAM_MOONDREAM_URL and a key set, the images consumer
// asks Moondream's API (here a stand-in keeping its contract) for each image's caption; when
// Moondream refuses, fails, hangs or is down, the analysis is kept with the composed caption and
// `model` says why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { photo } from './fixtures/photos.ts';
import { png } from './fixtures/png.ts';
import { standInCaption, startMoondreamServer, type MoondreamServer } from './fixtures/moondream-server.ts';
import { captionClient } from './caption-client.ts';
import { startHarness, uniqueDevice, type Harness } from './harness.ts';

const apiKey = 'md-key-for-the-test';

describe('captions by Moondream', () => {
  let h: Harness;
  let moondream: MoondreamServer;
  const { ingestPhoto, analysisOf } = captionClient(() => h, new Date(Date.UTC(2026, 5, 1, 10)));

  before(async () => {
    moondream = await startMoondreamServer({ apiKey });
    h = await startHarness(undefined, { LIFESTREAM_MOONDREAM_URL: moondream.baseUrl, LIFESTREAM_MOONDREAM_KEY: apiKey, LIFESTREAM_MOONDREAM_TIMEOUT_S: '2' });
    await h.startPersistence();
    await h.startConsumers('images');
  });
  after(async () => {
    await h?.close();
    await moondream?.close();
  });

  it("captions a photo with Moondream's caption, found by its words, with the key sent", async () => {
    const device = uniqueDevice('phone');
    await ingestPhoto(device, photo('astronaut'), 512);
    const analysis = await analysisOf(device, 'stand-in');
    assert.equal(analysis.caption, standInCaption(512, 512));
    assert.equal(analysis.headline, analysis.caption);
    assert.match(analysis.model, new RegExp(`^caption: Moondream at ${moondream.baseUrl} \\(normal\\); text: PP-OCRv4`));
    const request = moondream.requests.at(-1)!;
    assert.equal(request.path, '/caption');
    assert.equal(request.auth, apiKey);
    assert.deepEqual(request.body.length, 'normal');
    assert.deepEqual(moondream.contractBreaches, []);
  });

  const fallbacks = [
    { what: 'an error status', behaviour: { answer: 'status', status: 503, body: '{"error":"Service Unavailable"}' }, reason: /HTTP 503: \{"error":"Service Unavailable"\}/ },
    { what: 'a refused key', behaviour: { answer: 'status', status: 401, body: '{"error":"Unauthorized"}' }, reason: /HTTP 401 \(check LIFESTREAM_MOONDREAM_KEY\)/ },
    { what: 'no answer in time', behaviour: { answer: 'never' }, reason: /no answer within 2 s/ },
  ] as const;
  for (const { what, behaviour, reason } of fallbacks) {
    it(`keeps the analysis with the composed caption on ${what}, and says so`, async () => {
      moondream.behave(behaviour);
      const device = uniqueDevice('phone');
      await ingestPhoto(device, png(48, 48, () => [200, 200, 200]), 48);
      const analysis = await analysisOf(device);
      assert.equal(analysis.caption, 'nothing recognised');
      assert.match(analysis.model, new RegExp(`^caption composed from the findings \\(Moondream caption at ${moondream.baseUrl}: ${reason.source}.*\\); text: PP-OCRv4`));
    });
  }

  it('keeps the analysis with the composed caption when Moondream is down', async () => {
    const { baseUrl } = moondream;
    await moondream.close();
    const device = uniqueDevice('phone');
    await ingestPhoto(device, photo('astronaut'), 512);
    const analysis = await analysisOf(device);
    assert.match(analysis.caption ?? '', /a person.*1 face/);
    assert.match(analysis.model, new RegExp(`^caption composed from the findings \\(Moondream caption at ${baseUrl}: unreachable: .*ECONNREFUSED`));
  });
});
