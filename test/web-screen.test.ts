// The web app's screen session player in headless Chromium (Debian's, driven by playwright-core):
// a session's analysed frames (put on the bus as the screen consumer emits them, with known boxes,
// track ids and text) open as a player, scrubbed with a slider, boxes named with their track ids
// drawn over each keyframe, and a searched word jumps to the frame it first appeared in. And live: a
// session whose keyframes are streamed over graphql-ws through the screen consumer while the player
// is open shows each new frame as it is analysed, with the moving window's tracked box.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuild } from '../scripts/build-web.ts';
import { encodeEvent, newEvent } from '../schema/event-codec.ts';
import { objectDetections } from '../schema/kinds/processed.ts';
import { png } from './fixtures/png.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { overSocket, socketClient } from './socket-client.ts';

const screenshots = new URL('../test-results/', import.meta.url).pathname;
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const start = Date.parse('2026-07-01T09:00:00Z');

describe('web app: screen session player', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let base: string;
  const device = uniqueDevice('desktop');
  const ids: string[] = [];

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    await ensureWebBuild();
    h = await startHarness(testMode);
    await h.startPersistence();
    await h.startConsumers('screen');
    base = h.url.replace(/\/graphql$/, '');
    // Eight frames: a window moving right (one track), text that changes at frame 5 and stays.
    const events = [];
    for (let frameIndex = 0; frameIndex < 8; frameIndex++) {
      const left = 20 + Math.min(frameIndex, 4) * 20;
      const keyframe = png(320, 180, (x, y) => (x >= left && x < left + 100 && y >= 40 && y < 110 ? [40, 70, 130] : [235, 238, 242]));
      const image = { sha256: await h.services.blobs.put(keyframe), byteSize: keyframe.length, mimeType: 'image/png' };
      const status = frameIndex < 5 ? 'Draft saved' : 'Kumquat delivery confirmed';
      const event = newEvent(objectDetections, {
        deviceId: device,
        time: new Date(start + frameIndex * 1000),
        payload: {
          sourceEventId: `keyframe-${frameIndex}`,
          sessionId: 'work',
          frameIndex,
          detections: [],
          movingRegions: frameIndex > 0 && frameIndex <= 4 ? [{ box: { x: left, y: 40, width: 100, height: 70 }, dxPx: 20, dyPx: 0, trackId: 1 }] : [],
          changedFraction: frameIndex <= 5 ? 0.2 : 0,
          sceneCut: false,
          ocr: frameIndex === 0 ? 'FULL' : frameIndex <= 5 ? 'CHANGED_REGION' : 'SKIPPED',
          textLines: [{ text: status, confidence: 0.97, box: { x: 10, y: 150, width: 200, height: 20 } }],
          ocrText: status,
          skippedFrames: 0,
          image,
          widthPx: 320,
          heightPx: 180,
          model: 'fixture',
        },
      });
      ids.push(event.id);
      events.push({ key: device, value: encodeEvent(event) });
    }
    await h.rawBus().produce([{ topic: 'media.video.analysis.yolo_results', messages: events }]);
    await eventually(async () => {
      const result = await h.graphql<{ timeline: { edges: unknown[] } }>(`query($d: [ID!]) { timeline(from: "2026-07-01T00:00:00Z", to: "2026-07-02T00:00:00Z", deviceIds: $d) { edges { node { id } } } }`, { d: [device] });
      return result.data?.timeline.edges.length === 8 ? true : undefined;
    }, 'the session frames to be stored');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-US' })).newPage();
    await page.goto(`${base}/?from=2026-07-01`);
    await page.getByLabel('Token').fill(h.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens a frame as a player with track ids drawn, scrubs, and jumps to the frame a searched word appeared in', async () => {
    // A match on a later frame still showing the word (frame 7) opens the player there.
    await page.goto(`${base}/?from=2026-07-01&q=kumquat`);
    await page.getByRole('region', { name: 'Matches' }).locator(`li[data-event-id="${ids[7]}"] a`).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const player = detail.getByRole('region', { name: 'Screen session player' });
    await player.getByText(/^Frame 7 \(8 of 8\)/).waitFor();
    await player.locator('rect.overlay-text-line.highlighted').waitFor();

    await player.getByRole('button', { name: 'Jump to “kumquat” (frame 5)' }).click();
    await player.getByText(/^Frame 5 \(6 of 8\)/).waitFor();

    // Scrubbing back to frame 3: the moving window's box, named with its track id.
    await player.getByRole('slider', { name: 'Scrub the session' }).fill('3');
    await player.getByText(/^Frame 3 \(4 of 8\)/).waitFor();
    const box = player.locator('svg.image-overlay .overlay-object[data-label="moving #1"] rect');
    await box.waitFor();
    assert.equal(await player.locator('rect.overlay-text-line.highlighted').count(), 0, 'frame 3 does not hold the word');
    const [drawn, image] = [await box.boundingBox(), await player.getByRole('img', { name: 'keyframe 3' }).boundingBox()];
    assert.ok(drawn && image && drawn.x > image.x && drawn.x + drawn.width < image.x + image.width, JSON.stringify({ drawn, image }));
    await page.screenshot({ path: `${screenshots}web-${testMode}-screen-player.png` });
  });

  it('follows a session still recording: keyframes streamed over graphql-ws after it opened appear as they are analysed, with the tracked box of the moving window', async () => {
    const live = uniqueDevice('live-desk');
    const socket = socketClient(h.url, h.adminToken);
    // A textured window (blocks of 8 px of hashed grey levels, so flow can follow it) moving 16 px right per frame.
    const keyframe = (frameIndex: number) => {
      const left = 20 + frameIndex * 16;
      return png(320, 180, (x, y) => {
        if (x < left || x >= left + 120 || y < 40 || y >= 120) return [236, 238, 242];
        const level = 40 + (((Math.floor((x - left) / 8) * 7919 + Math.floor((y - 40) / 8) * 104729) * 2654435761) >>> 0) % 170;
        return [level, level, 255 - level];
      });
    };
    const recorded = Date.parse('2026-07-01T10:00:00Z');
    const stream = async (frameIndex: number) => {
      const bytes = keyframe(frameIndex);
      const result = await overSocket<{ ingestScreenKeyframe: { acceptedCount: number } }>(socket, 'mutation($e: [ScreenKeyframeInput!]!) { ingestScreenKeyframe(events: $e) { acceptedCount } }', {
        e: [{ deviceId: live, time: new Date(recorded + frameIndex * 1000).toISOString(), sessionId: 'live', frameIndex, widthPx: 320, heightPx: 180, image: { base64: bytes.toString('base64'), mimeType: 'image/png' } }],
      });
      assert.equal(result.data?.ingestScreenKeyframe.acceptedCount, 1, JSON.stringify(result));
    };
    try {
      await stream(0);
      // The first frame loads the detector and the OCR on 2 shared cores: minutes, not seconds.
      const first = await eventually(async () => {
        const result = await h.graphql<{ timeline: { edges: { node: { id: string } }[] } }>(`query($d: [ID!]) { timeline(from: "2026-07-01T00:00:00Z", to: "2026-07-02T00:00:00Z", deviceIds: $d, kinds: [OBJECT_DETECTIONS]) { edges { node { id } } } }`, { d: [live] });
        return result.data?.timeline.edges[0]?.node.id;
      }, 'the first live frame to be analysed', 3_000);

      await page.goto(`${base}/?from=2026-07-01&event=${encodeURIComponent(first)}`);
      const player = page.getByRole('complementary', { name: 'Event detail' }).getByRole('region', { name: 'Screen session player' });
      await player.getByText(/^Frame 0 \(1 of 1\).* following new frames/).waitFor();
      const trackLabels: string[] = [];
      for (let frameIndex = 1; frameIndex <= 3; frameIndex++) {
        await stream(frameIndex);
        await player.getByText(new RegExp(`^Frame ${frameIndex} \\(${frameIndex + 1} of ${frameIndex + 1}\\).* following new frames`)).waitFor({ timeout: 180_000 });
        await player.getByRole('img', { name: `keyframe ${frameIndex}` }).waitFor();
        const moving = player.locator('svg.image-overlay .overlay-object[data-label^="moving #"]');
        await moving.first().waitFor();
        trackLabels.push(...(await moving.evaluateAll((groups) => groups.map((group) => group.getAttribute('data-label') ?? ''))));
      }
      // The window is one track while it moves: its id is on every frame's box.
      const [firstLabel] = trackLabels;
      assert.ok(firstLabel && trackLabels.filter((label) => label === firstLabel).length >= 3, JSON.stringify(trackLabels));
      await page.screenshot({ path: `${screenshots}web-${testMode}-screen-live.png` });
    } finally {
      await socket.dispose();
    }
  });
});
