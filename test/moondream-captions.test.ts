// Captions by Moondream end to end: with LIFESTREAM_MOONDREAM_URL and a key set, the images consumer
// asks Moondream's API (here a stand-in keeping its contract) for each image's caption; when
// Moondream refuses, fails, hangs or is down, the analysis is kept with the composed caption and
// `model` says why.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { photo } from './fixtures/photos.ts';
import { png } from './fixtures/png.ts';
import { standInCaption, startMoondreamServer, type MoondreamServer } from './fixtures/moondream-server.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface Analysis {
  headline: string;
  caption: string | null;
  model: string;
}

const analyses = `query($d: [ID!], $text: String) {
  timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [IMAGE_ANALYSIS], text: $text) {
    edges { node { headline ... on ImageAnalysis { caption model } } }
  }
}`;

// Analyses load their models on the first image and share 2 cores with other suites: give them minutes.
const analysisAttempts = 1_800;
const apiKey = 'md-key-for-the-test';

describe('captions by Moondream', () => {
  let h: Harness;
  let moondream: MoondreamServer;
  let time = 0;
  const nextTime = () => new Date(Date.UTC(2026, 5, 1, 10, 0, time++)).toISOString();

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

  const ingestPhoto = async (device: string, image: Buffer, size: number) => {
    const result = await h.graphql<{ ingestCameraPhoto: { errors: unknown[] } }>(`mutation($e: [CameraPhotoInput!]!) { ingestCameraPhoto(events: $e) { errors { message } } }`, {
      e: [{ deviceId: device, time: nextTime(), camera: 'REAR', widthPx: size, heightPx: size, image: { base64: image.toString('base64'), mimeType: 'image/png' } }],
    });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data?.ingestCameraPhoto.errors, []);
  };

  const analysisOf = (device: string, text?: string) =>
    eventually(
      async () => (await h.graphql<{ timeline: { edges: { node: Analysis }[] } }>(analyses, { d: [device], text })).data?.timeline.edges[0]?.node,
      `the image analysis of ${device}`,
      analysisAttempts,
    );

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
