// The image pipeline end to end: screenshots and camera photos ingested base64 are analysed by the
// images consumer into imageAnalysis events (OCR text found by timeline(text:), faces, object boxes,
// a thumbnail), delivered live, and images that can never be analysed are dead-lettered with their code.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { photo } from './fixtures/photos.ts';
import { png, pngDeclaring } from './fixtures/png.ts';
import { calendarHtml, renderScreenshot } from './fixtures/screenshot.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Analysis {
  id: string;
  deviceId: string;
  headline: string;
  sourceEventId: string;
  caption: string | null;
  ocrText: string | null;
  objects: string[] | null;
  objectBoxes: { label: string; score: number; box: Box }[] | null;
  faces: { box: Box; score: number; gaze?: { bearingRad: number; strength: number } }[] | null;
  textLines: { text: string; confidence: number; box: Box }[] | null;
  thumbnail: { sha256: string; byteSize: number; mimeType: string } | null;
  widthPx: number | null;
  heightPx: number | null;
  model: string;
}

const analyses = `query($d: [ID!], $text: String) {
  timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [IMAGE_ANALYSIS], text: $text) {
    edges { node { id deviceId headline ... on ImageAnalysis {
      sourceEventId caption ocrText objects objectBoxes faces textLines thumbnail { sha256 byteSize mimeType } widthPx heightPx model
    } } }
  }
}`;

// Analyses load their models on the first image and share 2 cores with other suites: give them minutes.
const analysisAttempts = 1_800;

const blob = (bytes: Buffer, mimeType: string) => ({ base64: bytes.toString('base64'), mimeType });

describe('image pipeline', () => {
  let h: Harness;
  let live: Client;
  const deadLetters: DeliveredMessage[] = [];
  let time = 0;
  const nextTime = () => new Date(Date.UTC(2026, 5, 1, 9, 0, time++)).toISOString();

  before(async () => {
    h = await startHarness();
    await h.startPersistence();
    await h.startConsumers('images');
    await h.rawBus().subscribe({
      groupId: `test-images-dlq-${randomUUID()}`,
      topics: ['device.image.camera.raw.dlq'],
      eachBatch: async (batch) => void deadLetters.push(...batch.messages),
    });
    live = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
  });
  after(async () => {
    await live?.dispose();
    await h?.close();
  });

  const ingest = async (mutation: 'ingestScreenshot' | 'ingestCameraPhoto', input: 'ScreenshotInput' | 'CameraPhotoInput', event: Record<string, unknown>): Promise<string> => {
    const result = await h.graphql<Record<string, { accepted: { id: string }[]; errors: unknown[] }>>(`mutation($e: [${input}!]!) { ${mutation}(events: $e) { accepted { id } errors { message } } }`, { e: [event] });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const answer = result.data![mutation]!;
    assert.deepEqual(answer.errors, []);
    return answer.accepted[0]!.id;
  };

  const analysisOf = (device: string, text?: string) =>
    eventually(
      async () => {
        const result = await h.graphql<{ timeline: { edges: { node: Analysis }[] } }>(analyses, { d: [device], text });
        return result.data?.timeline.edges[0]?.node;
      },
      `the image analysis of ${device}${text ? ` containing "${text}"` : ''}`,
      analysisAttempts,
    );

  it('analyses a screenshot sent base64, delivers it live, and finds it by a word of its text', async () => {
    const device = uniqueDevice('laptop');
    const received: { node: { id: string; kind: string; deviceId: string } }[] = [];
    const stop = live.subscribe<{ timeline: { node: { id: string; kind: string; deviceId: string } } }>(
      { query: `subscription($d: [ID!]) { timeline(kinds: [IMAGE_ANALYSIS, AMBIENT_LIGHT], deviceIds: $d) { node { id kind deviceId } } }`, variables: { d: [device] } },
      { next: (result) => void (result.data ? received.push(result.data.timeline) : undefined), error: () => {}, complete: () => {} },
    );
    try {
      // The subscription is live once a probe of the same device comes through it.
      await eventually(async () => {
        if (received.some((edge) => edge.node.kind === 'AMBIENT_LIGHT')) return true;
        await h.graphql(`mutation($d: ID!, $t: DateTime!) { ingestAmbientLight(events: [{ deviceId: $d, time: $t, lux: 1 }]) { acceptedCount } }`, { d: device, t: nextTime() });
        return undefined;
      }, 'the live subscription');
      const shot = await renderScreenshot(calendarHtml);
      const sourceId = await ingest('ingestScreenshot', 'ScreenshotInput', { deviceId: device, time: nextTime(), widthPx: shot.width, heightPx: shot.height, appName: 'Calendar', image: blob(shot.png, 'image/png') });

      const analysis = await analysisOf(device, 'zanzibar');
      assert.equal(analysis.sourceEventId, sourceId);
      assert.match(analysis.ocrText ?? '', /Marguerite/);
      assert.match(analysis.caption ?? '', /^text: .*Quarterly budget review/);
      assert.equal(analysis.headline, analysis.caption);
      assert.match(analysis.model, /no captioning model.*PP-OCRv4/);
      assert.deepEqual([analysis.widthPx, analysis.heightPx], [shot.width, shot.height]);
      const headline = analysis.textLines?.find((line) => line.text.includes('Marguerite'));
      assert.ok(headline, JSON.stringify(analysis.textLines));
      // The line's box sits on the rendered headline (within a few pixels: the OCR's box hugs the glyphs).
      const rendered = shot.boxes.headline!;
      assert.ok(headline.box.width > 100 && headline.box.height > 10, JSON.stringify(headline.box));
      assert.ok(Math.abs(headline.box.y + headline.box.height / 2 - (rendered.y + rendered.height / 2)) < rendered.height / 2, `${JSON.stringify(headline.box)} against ${JSON.stringify(rendered)}`);
      assert.equal(analysis.thumbnail?.mimeType, 'image/webp');
      const thumbnail = await fetch(`${h.url.replace(/\/graphql$/, '')}/blobs/${analysis.thumbnail.sha256}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
      assert.equal(thumbnail.status, 200);
      assert.equal(Buffer.from(await thumbnail.arrayBuffer()).subarray(8, 12).toString('ascii'), 'WEBP');
      assert.equal((await h.graphql<{ timeline: { edges: unknown[] } }>(analyses, { d: [device], text: 'pistachiox' })).data?.timeline.edges.length, 0, 'a word not in it finds nothing');

      await eventually(async () => (received.some((edge) => edge.node.id === analysis.id && edge.node.kind === 'IMAGE_ANALYSIS') ? true : undefined), 'the analysis delivered live');
    } finally {
      stop();
    }
  });

  it('finds a face and a person in a camera photo', async () => {
    const device = uniqueDevice('phone');
    const sourceId = await ingest('ingestCameraPhoto', 'CameraPhotoInput', { deviceId: device, time: nextTime(), camera: 'REAR', widthPx: 512, heightPx: 512, image: blob(photo('astronaut'), 'image/png') });
    const analysis = await analysisOf(device);
    assert.equal(analysis.sourceEventId, sourceId);
    assert.equal(analysis.faces?.length, 1, JSON.stringify(analysis.faces));
    const face = analysis.faces[0]!;
    assert.ok(face.box.width > 0 && face.box.x >= 0 && face.box.x + face.box.width <= 512, JSON.stringify(face.box));
    assert.ok(face.gaze, 'the face has a gaze');
    const person = analysis.objectBoxes?.find((object) => object.label === 'person');
    assert.ok(person, JSON.stringify(analysis.objectBoxes));
    assert.ok(person.box.width > 0 && person.box.height > 0);
    assert.ok(analysis.objects?.includes('person'));
    assert.match(analysis.caption ?? '', /a person.*1 face/);
  });

  it('dead-letters a corrupt image and an image bomb with their codes, and analyses the next image', async () => {
    const device = uniqueDevice('broken');
    const picture = png(64, 48, (x, y) => [x * 4, y * 5, 128]);
    const corruptId = await ingest('ingestCameraPhoto', 'CameraPhotoInput', { deviceId: device, time: nextTime(), camera: 'FRONT', widthPx: 64, heightPx: 48, image: blob(picture.subarray(0, 60), 'image/png') });
    const bombId = await ingest('ingestScreenshot', 'ScreenshotInput', { deviceId: device, time: nextTime(), widthPx: 1000, heightPx: 1000, image: blob(pngDeclaring(100_000, 100_000), 'image/png') });
    const goodId = await ingest('ingestCameraPhoto', 'CameraPhotoInput', { deviceId: device, time: nextTime(), camera: 'FRONT', widthPx: 64, heightPx: 48, image: blob(picture, 'image/png') });

    const analysis = await analysisOf(device);
    assert.equal(analysis.sourceEventId, goodId);
    const letters = await eventually(async () => {
      const mine = deadLetters.filter((letter) => letter.key === device);
      return mine.length >= 2 ? mine : undefined;
    }, `2 dead letters of ${device}`);
    const errorOf = (id: string) => letters.find((letter) => (JSON.parse(letter.value ?? '{}') as { id?: string }).id === id)?.headers['lifestream-error'];
    assert.match(errorOf(corruptId) ?? '', new RegExp(`^cameraPhoto ${corruptId}: CORRUPT: `));
    assert.match(errorOf(bombId) ?? '', new RegExp(`^screenshot ${bombId}: TOO_MANY_PIXELS: the image declares 100000 × 100000 pixels`));
    assert.ok(letters.every((letter) => letter.headers['lifestream-consumer'] === 'images'));
    const stored = await h.graphql<{ timeline: { edges: unknown[] } }>(analyses, { d: [device] });
    assert.equal(stored.data?.timeline.edges.length, 1, 'only the good image has an analysis');
  });
});
