// The web app in headless Chromium (Debian's, driven by playwright-core) against a whole
// Lifestream holding the fixture day and its notes: sign in, see the day, zoom, open events,
// filter, photos with what their analysis found, live mode.
// Screenshots go to test-results/web-<mode>-*.png.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import sharp from 'sharp';
import { z } from 'zod';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { fixtureDay, fixtureTranscript } from '../scripts/demo/fixture-day.ts';
import { ingestFixture } from '../scripts/demo/ingest-fixture.ts';
import { ensureWebBuild } from '../scripts/build-web.ts';
import { encodeWav, vadSampleRate } from '../consumers/audio/pcm.ts';
import { segmentPadMs } from '../consumers/audio/vad.ts';
import { buildMemosDb, dayOfNotes } from './fixtures/memos-db.ts';
import { photo as fixturePhoto } from './fixtures/photos.ts';
import { png } from './fixtures/png.ts';
import { calendarHtml, renderScreenshot } from './fixtures/screenshot.ts';
import { startUrlSite, tweetId, type UrlSite } from './fixtures/url-site.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

const day = new Date('2026-06-01T00:00:00Z');
const devices = { watch: 'watch', phone: 'phone', laptop: 'laptop' };
const screenshots = new URL('../test-results/', import.meta.url).pathname;
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const lane = (page: Page, title: string) => page.locator(`svg g.lane[data-lane="${title}"]`);
/** A graphql-ws request for a page after another (the protocol's subscribe message with a cursor). */
const nextPageRequest = z.object({ id: z.string(), type: z.literal('subscribe'), payload: z.object({ query: z.string(), variables: z.object({ after: z.string() }) }) });

describe('web app', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  // What the app's Content-Security-Policy refused, as Chromium reports it on the console.
  const policyViolations: string[] = [];
  let base: string;
  let readToken: string;
  let audioBytes: Uint8Array;
  let audioSha256: string;
  let memosDir: string;
  // A tile server on loopback, standing in for the one a deployment configures: a pale tile, and the paths asked for.
  let tileServer: Server;
  const tilesAskedFor: string[] = [];
  const events = fixtureDay(day, devices);
  const shot = (name: string) => page.screenshot({ path: `${screenshots}web-${testMode}-${name}.png` });
  // A trail of 120 notifications a minute apart from 08:00 on 2026-06-07, every other one saying
  // wombat: more than two pages of events in a day, more than one page of matches.
  const trailDevice = uniqueDevice('web-trail');
  const trailHeadlines = (fromMinute: number, toMinute: number) => Array.from({ length: toMinute - fromMinute }, (_, i) => `Wildlife: Trail ${fromMinute + i}`);
  let trailIngested = false;
  const trailHeartRates = 30;
  const ingestTrail = async () => {
    if (trailIngested) return;
    trailIngested = true;
    await ingestFixture(
      h.url,
      h.adminToken,
      [
        ...Array.from({ length: 120 }, (_, minute) => ({
          notification: { deviceId: trailDevice, time: new Date(Date.UTC(2026, 5, 7, 8, minute)).toISOString(), packageName: 'org.wildlife', appName: 'Wildlife', action: 'POSTED', title: `Trail ${minute}`, text: minute % 2 === 0 ? 'a wombat crossed' : 'a quiet path' },
        })),
        // A series among the single events: drawn as a line, listed only when its kind is chosen.
        ...Array.from({ length: trailHeartRates }, (_, i) => ({ heartRate: { deviceId: trailDevice, time: new Date(Date.UTC(2026, 5, 7, 8, i * 4, 30)).toISOString(), bpm: 60 + i } })),
      ],
    );
    await eventually(async () => {
      const stored = await h.graphql<{ timeline: { edges: unknown[] } }>(`query($d: [ID!]) { timeline(from: "2026-06-07T00:00:00Z", to: "2026-06-08T00:00:00Z", deviceIds: $d, first: 1000) { edges { cursor } } }`, { d: [trailDevice] });
      return stored.data?.timeline.edges.length === 120 + trailHeartRates ? true : undefined;
    }, 'the trail to be stored');
  };
  // A screenshot with known text and a photo with a face, analysed by the images consumer during the tests.
  let screenshotId: string;
  let astronautId: string;
  // A PDF and a tweet from a local site, archived by the urls consumer during the tests.
  let urlSite: UrlSite;
  let pdfTaskId: string;
  let tweetTaskId: string;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    await ensureWebBuild();
    // The notes of the same day, beside the events (UseMemos' file, read through Trino in server mode).
    memosDir = mkdtempSync(join(tmpdir(), 'lifestream-web-memos-'));
    const memosDb = join(memosDir, 'memos_prod.db');
    buildMemosDb(memosDb, dayOfNotes(day.getTime()));
    chmodSync(memosDir, 0o711);
    chmodSync(memosDb, 0o644);
    const tile = png(256, 256, (x, y) => (x % 64 === 0 || y % 64 === 0 ? [200, 205, 210] : [236, 240, 232]));
    tileServer = createServer((req, res) => {
      tilesAskedFor.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
    }).listen(0, '127.0.0.1');
    await once(tileServer, 'listening');
    const tilesUrl = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}/tiles/{z}/{x}/{y}.png`;
    urlSite = await startUrlSite();
    h = await startHarness(testMode, {
      MEMOS_DB: memosDb,
      LIFESTREAM_MAP_TILES_URL: tilesUrl,
      LIFESTREAM_MAP_TILES_ATTRIBUTION: 'Test tiles',
      LIFESTREAM_URL_ALLOW_ADDRESSES: '127.0.0.1',
      LIFESTREAM_TWEET_EMBED_URL: urlSite.base,
    });
    await h.startPersistence();
    base = h.url.replace(/\/graphql$/, '');
    const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "web test", scope: READ) { token } }`);
    readToken = created.data!.createAccessToken.token;
    // A photo of the day: a sky over a meadow, 160 × 120.
    const photo = png(160, 120, (x, y) => (y < 70 ? [120 + y, 170 + y, 235] : [60 + (x % 40), 150, 70]));
    events.push({ cameraPhoto: { deviceId: devices.phone, time: '2026-06-01T13:10:00Z', camera: 'REAR', widthPx: 160, heightPx: 120, image: { base64: photo.toString('base64'), mimeType: 'image/png' } } });
    await ingestFixture(h.url, h.adminToken, events);
    const transcript = fixtureTranscript(day, devices.phone, 'fixture-transcript');
    // Its speech segment, as the speech detector keeps it: the audio (a quiet tone here) padded either side.
    const speechMs = transcript.payload.words.at(-1)!.endMs;
    const samples = Float32Array.from({ length: ((speechMs + 2 * segmentPadMs) / 1000) * vadSampleRate }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 220 * i) / vadSampleRate));
    audioBytes = encodeWav(samples);
    audioSha256 = await h.services.blobs.put(audioBytes);
    const speech = {
      ...transcript,
      id: 'fixture-speech',
      kind: 'speechSegment',
      payload: { fileId: transcript.payload.fileId, segmentId: transcript.payload.segmentId, durationMs: speechMs, probability: 0.9, audio: { sha256: audioSha256, byteSize: audioBytes.byteLength, mimeType: 'audio/wav' }, model: 'silero-vad-v4' },
    };
    await h.rawBus().produce([
      { topic: 'media.text.transcribed.words', messages: [{ key: devices.phone, value: JSON.stringify(transcript) }] },
      { topic: 'media.audio.vad_filtered', messages: [{ key: devices.phone, value: JSON.stringify(speech) }] },
    ]);
    await eventually(async () => {
      // Only the fixture's devices: in server mode other runs may produce to the same topics.
      const result = await h.graphql<{ timelineBuckets: { count: number }[] }>(
        `query($d: [ID!]) { timelineBuckets(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", bucketSeconds: 86400, deviceIds: $d) { count } }`,
        { d: Object.values(devices) },
      );
      return result.data?.timelineBuckets.reduce((sum, b) => sum + b.count, 0) === events.length + 2 ? true : undefined;
    }, 'the fixture day to be stored');
    // After the day is counted: their analyses are events of their own, arriving while the tests run.
    await h.startConsumers('images');
    const ingestImage = async (mutation: 'ingestScreenshot' | 'ingestCameraPhoto', input: string, event: Record<string, unknown>) => {
      const result = await h.graphql<Record<string, { accepted: { id: string }[] }>>(`mutation($e: [${input}!]!) { ${mutation}(events: $e) { accepted { id } } }`, { e: [event] });
      return result.data![mutation]!.accepted[0]!.id;
    };
    const calendar = await renderScreenshot(calendarHtml);
    screenshotId = await ingestImage('ingestScreenshot', 'ScreenshotInput', {
      deviceId: devices.laptop,
      time: '2026-06-01T11:45:00Z',
      widthPx: calendar.width,
      heightPx: calendar.height,
      appName: 'Calendar',
      image: { base64: calendar.png.toString('base64'), mimeType: 'image/png' },
    });
    astronautId = await ingestImage('ingestCameraPhoto', 'CameraPhotoInput', {
      deviceId: devices.phone,
      time: '2026-06-01T14:40:00Z',
      camera: 'REAR',
      widthPx: 512,
      heightPx: 512,
      image: { base64: fixturePhoto('astronaut').toString('base64'), mimeType: 'image/png' },
    });
    await h.startConsumers('urls');
    const ingestUrl = async (time: string, url: string) => {
      const result = await h.graphql<{ ingestUrlTask: { accepted: { id: string }[] } }>('mutation($e: [UrlTaskInput!]!) { ingestUrlTask(events: $e) { accepted { id } } }', { e: [{ deviceId: devices.laptop, time, url }] });
      return result.data!.ingestUrlTask.accepted[0]!.id;
    };
    pdfTaskId = await ingestUrl('2026-06-01T15:20:00Z', `${urlSite.base}/report.pdf`);
    tweetTaskId = await ingestUrl('2026-06-01T16:40:00Z', `https://x.com/riverwatch/status/${tweetId}`);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
    await urlSite?.close();
    tileServer?.close();
    rmSync(memosDir, { recursive: true, force: true });
  });

  it('serves the app at / and app routes, leaving the API paths to the API', async () => {
    for (const path of ['/', '/some/app/route?from=2026-06-01']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<div id="root">/);
    }
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/metrics`)).status, 401, '/metrics stays behind a token');
    const asset = (await (await fetch(`${base}/`)).text()).match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const script = await fetch(`${base}${asset}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
  });

  it('serves blobs to read tokens only, at /blobs/<sha256>', async () => {
    const blob = (token: string | null, sha256 = audioSha256) => fetch(`${base}/blobs/${sha256}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const served = await blob(readToken);
    assert.equal(served.status, 200);
    assert.deepEqual(new Uint8Array(await served.arrayBuffer()), audioBytes);
    assert.equal((await blob(null)).status, 401);
    const ingest = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "web test ingest", scope: INGEST) { token } }`);
    assert.equal((await blob(ingest.data!.createAccessToken.token)).status, 403);
    assert.equal((await blob(readToken, '0'.repeat(64))).status, 404);
    assert.equal((await blob(readToken, 'not-a-sha256')).status, 404);
  });

  it('refuses an unknown token with a clear message, then signs in with a read token, with no error in the page', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${base}/?from=2026-06-01`);
    await page.getByLabel('Token').fill('lst_not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
    await page.getByLabel('Token').fill(readToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await lane(page, 'Vitals').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('shows the ingested day: vitals as a line and bars, app focus as spans, sparse kinds as marks', async () => {
    await lane(page, 'Notifications').locator('g.mark').nth(11).waitFor();
    assert.equal(await lane(page, 'Notifications').locator('g.mark').count(), 12);
    assert.equal(await lane(page, 'Vitals').locator('g.track[data-kind="HEART_RATE"] path').count(), 2, 'a line and its min–max band');
    assert.ok((await lane(page, 'Vitals').locator('g.track[data-kind="STEPS"] rect.bar').count()) > 50);
    assert.ok((await lane(page, 'Apps').locator('g.span').count()) > 10);
    await lane(page, 'Calendar').locator('g.mark').waitFor();
    await lane(page, 'Speech').locator('g.mark').waitFor();
    assert.equal(await page.getByTestId('zoom-level').textContent(), 'day');
    await shot('day');
  });

  it('keeps the token and the view across a reload', async () => {
    await page.reload();
    await lane(page, 'Notifications').locator('g.mark').nth(11).waitFor();
    assert.match(page.url(), /\?from=2026-06-01$/);
  });

  it('zooms in with the buttons and the wheel, the window in the URL', async () => {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByTestId('zoom-level').filter({ hasText: '6 hours' }).waitFor();
    await page.waitForURL(/from=2026-06-01T09:00:00.000Z&to=2026-06-01T15:00:00.000Z/);
    const box = (await page.locator('.timeline').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    await page.mouse.wheel(0, -400);
    await page.getByTestId('zoom-level').filter({ hasText: 'hour' }).waitFor();
    await lane(page, 'Apps').locator('g.span text').first().waitFor();
    // The keyboard: − zooms out, → moves later.
    const beforeKeys = new URL(page.url()).searchParams.get('from')!;
    await page.locator('.timeline').focus();
    await page.keyboard.press('-');
    await page.getByTestId('zoom-level').filter({ hasText: '6 hours' }).waitFor();
    await page.keyboard.press('+');
    await page.getByTestId('zoom-level').filter({ hasText: /^hour$/ }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => Date.parse(url.searchParams.get('from')!) > Date.parse(beforeKeys));
    await shot('zoomed');
    // Two fingers pinching together zoom out around the point between them (touch, through Chromium's input).
    const before = page.url();
    const cdp = await page.context().newCDPSession(page);
    const [x, y] = [box.x + box.width / 2, box.y + 200];
    const fingers = (apart: number) => [
      { x: x - apart / 2, y, id: 0 },
      { x: x + apart / 2, y, id: 1 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(400) });
    for (const apart of [300, 200, 100]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(apart) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const spanOf = (url: URL) => Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!);
    // Fingers from 400 to 100 px apart: the window about four times as wide.
    await page.waitForURL((url) => spanOf(url) > 3.5 * spanOf(new URL(before)));
    await page.goto(`${base}/?from=2026-06-01`);
    await lane(page, 'Notifications').locator('g.mark').nth(11).waitFor();
  });

  it('opens an event whole: the calendar entry, a GPS fix on the map, the transcript with its words', async () => {
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    // From the keyboard: Tab reaches a mark, Enter opens it.
    await lane(page, 'Notifications').locator('g.mark').first().focus();
    await page.keyboard.press('Enter');
    await detail.getByRole('heading', { name: 'Clock: Alarm' }).waitFor();

    await lane(page, 'Calendar').locator('g.mark').first().click();
    await detail.getByRole('heading', { name: 'Design review: timeline app' }).waitFor();
    await detail.locator('tr', { hasText: 'location' }).filter({ hasText: 'Room 3' }).waitFor();
    assert.match(page.url(), /event=/);

    // Fixes 30 s apart overlap at this zoom: the click lands on whichever is on top, any fix will do.
    await lane(page, 'Places').locator('g.mark').nth(20).click({ force: true });
    await detail.getByRole('img', { name: 'GPS track' }).locator('path.track-line').waitFor();
    await detail.getByText(/\d+ fixes within an hour/).waitFor();
    // On the configured tile server's tiles, at the zoom of the track, with its attribution.
    const tileHrefs = await eventually(async () => {
      const hrefs = await detail.locator('image.map-tile').evaluateAll((images) => images.map((i) => i.getAttribute('href') ?? ''));
      return hrefs.length > 0 ? hrefs : undefined;
    }, 'the map tiles');
    assert.ok(tileHrefs.every((href) => /^http:\/\/127\.0\.0\.1:\d+\/tiles\/1[3-9]\/\d+\/\d+\.png$/.test(href)), tileHrefs.join(' '));
    await eventually(async () => (tilesAskedFor.length > 0 ? true : undefined), 'the browser asking the tile server');
    await detail.getByText('Test tiles').waitFor();
    await shot('map');

    await lane(page, 'Speech').locator('g.mark').first().click();
    await detail.getByRole('heading', { name: /remember to book the train/ }).waitFor();
    assert.equal(await detail.locator('.transcript .word').count(), 9);
    const audio = detail.getByLabel('Segment audio');
    await audio.waitFor();
    await audio.evaluate((element: HTMLAudioElement) => element.play());
    await detail.locator('.word.spoken').first().waitFor();
    await detail.locator('.around li.memo', { hasText: 'Lunch with Sam' }).waitFor();
    await shot('transcript');

    await lane(page, 'Photos').locator('g.mark').first().click();
    const image = detail.getByRole('img', { name: 'image', exact: true });
    await image.waitFor();
    await eventually(async () => ((await image.evaluate((img: HTMLImageElement) => img.naturalWidth)) === 160 ? true : undefined), 'the photo to load');
    await shot('photo');

    await lane(page, 'Vitals').locator('g.track[data-kind="HEART_RATE"] rect.hit').nth(90).click();
    await detail.getByRole('img', { name: 'bpm chart' }).waitFor();
    await detail.getByRole('button', { name: 'Close', exact: true }).click();
    await detail.waitFor({ state: 'detached' });
  });

  it('filters by text, kind and device, and restores the filters from the URL', async () => {
    await page.getByLabel('Search text').fill('design review');
    await page.waitForURL(/q=design\+review/);
    await lane(page, 'Vitals').waitFor({ state: 'detached' });
    await lane(page, 'Calendar').locator('g.mark').waitFor();
    await eventually(async () => ((await lane(page, 'Notifications').locator('g.mark').count()) === 2 ? true : undefined), 'two matching notifications');
    const matches = page.getByRole('region', { name: 'Matches' });
    await matches.getByText('3 events match “design review”').waitFor();
    await matches.getByRole('link', { name: 'Design review: timeline app' }).click();
    await page.getByRole('complementary', { name: 'Event detail' }).getByRole('heading', { name: 'Design review: timeline app' }).waitFor();
    await shot('search');

    await page.goto(`${base}/?from=2026-06-01&kinds=HEART_RATE,STEPS`);
    await lane(page, 'Vitals').waitFor();
    assert.deepEqual(await page.locator('svg g.lane').evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-lane'))), ['Vitals']);
    assert.match((await page.locator('details[data-filter="Kinds"] summary').textContent()) ?? '', /heart rate, steps/);

    await page.goto(`${base}/?from=2026-06-01&devices=laptop&lanes=device`);
    await lane(page, 'laptop').waitFor();
    assert.deepEqual(await page.locator('svg g.lane').evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-lane'))), ['laptop']);

  });

  it('says why the timeline is empty: a search without matches, filters matching nothing, or a window without events and the demo command that fills it', async () => {
    const empty = page.locator('p.empty');
    await page.goto(`${base}/?from=2026-06-01&q=no+such+words+anywhere`);
    await empty.getByText('No matches for “no such words anywhere” in this window. Zoom out or move in time to search a wider window, or clear the search.').waitFor();
    assert.doesNotMatch((await empty.textContent()) ?? '', /demo/);
    await empty.getByRole('button', { name: 'Clear search' }).click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await lane(page, 'Vitals').waitFor();

    await page.goto(`${base}/?from=2026-06-01&devices=no-such-device`);
    await empty.getByText('No events of the chosen devices in this window. Zoom out, move in time, or clear the filters.').waitFor();
    await empty.getByRole('button', { name: 'Clear filters' }).click();
    await lane(page, 'Vitals').waitFor();

    await page.goto(`${base}/?from=2020-03-01`);
    await empty.getByText(/^No events in this window\. Zoom out, move in time, or send the demo day here:/).waitFor();
    assert.equal(await empty.locator('code').textContent(), 'npm run demo -- day --date 2020-03-01 --token <admin token>');
  });

  it('lists the matches of a search best first when asked, page after page, the choice kept in the URL', async () => {
    // Sixty notifications a minute apart, each saying the word 1 to 60 times in an order unlike their
    // time's: the more often, the better the match, so best first is not oldest first.
    const device = uniqueDevice('web-ranked');
    const mentions = Array.from({ length: 60 }, (_, i) => ((i * 37) % 60) + 1);
    const timeOf = (minute: number) => new Date(Date.UTC(2026, 5, 5, 8, minute)).toISOString();
    await ingestFixture(
      h.url,
      h.adminToken,
      mentions.map((count, i) => ({ notification: { deviceId: device, time: timeOf(i), packageName: 'org.wildlife', appName: 'Wildlife', action: 'POSTED', title: `Sighting ${i}`, text: Array(count).fill('quokka').join(' ') } })),
    );
    await eventually(async () => {
      const stored = await h.graphql<{ timeline: { edges: unknown[] } }>(`query($d: [ID!]) { timeline(from: "2026-06-05T00:00:00Z", to: "2026-06-06T00:00:00Z", deviceIds: $d) { edges { cursor } } }`, { d: [device] });
      return stored.data?.timeline.edges.length === 60 ? true : undefined;
    }, 'the sightings to be stored');
    const oldestFirst = mentions.map((_, i) => `Wildlife: Sighting ${i}`);
    const bestFirst = mentions.map((count, i) => ({ count, headline: oldestFirst[i]! })).sort((a, b) => b.count - a.count).map((s) => s.headline);

    await page.goto(`${base}/?from=2026-06-05&devices=${device}&q=quokka`);
    const matches = page.getByRole('region', { name: 'Matches' });
    const listed = () => matches.locator('li a').allTextContents();
    await matches.getByText('The first 50 matches for “quokka” so far').waitFor();
    assert.deepEqual(await listed(), oldestFirst.slice(0, 50));

    const order = page.getByRole('radiogroup', { name: 'Order of matches' });
    await order.getByLabel('Best match').check();
    await page.waitForURL(/q=quokka&order=relevance/);
    await matches.getByText('The 50 best matches for “quokka” so far').waitFor();
    assert.deepEqual(await listed(), bestFirst.slice(0, 50));
    // Each with its time and kind, as in time order.
    const best = matches.locator('li').first();
    const bestMinute = oldestFirst.indexOf(bestFirst[0]!);
    assert.equal(await best.locator('time').textContent(), new Date(timeOf(bestMinute)).toLocaleString('en-US', { timeZone: 'UTC' }));
    assert.equal(await best.locator('.kind').textContent(), 'notification');
    await matches.getByRole('button', { name: 'More matches' }).click();
    await matches.getByText('60 events match “quokka”, best match first').waitFor();
    assert.deepEqual(await listed(), bestFirst, 'the second page continues in relevance order');
    assert.equal(await matches.getByRole('button', { name: 'More matches' }).count(), 0, 'no More after the last page');

    await page.reload();
    await matches.getByText('The 50 best matches for “quokka” so far').waitFor();
    assert.ok(await order.getByLabel('Best match').isChecked());
    await matches.getByRole('link', { name: bestFirst[0], exact: true }).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('heading', { name: bestFirst[0] }).waitFor();
    await shot('search-best-match');
    await detail.getByRole('button', { name: 'Close', exact: true }).click();

    // Clearing the search leaves the timeline as it was before it, the order with it.
    await page.getByLabel('Search text').fill('');
    await page.waitForURL(`${base}/?from=2026-06-05&devices=${device}`);
    await matches.waitFor({ state: 'detached' });
    assert.equal(await order.count(), 0);
  });

  it('lists the events oldest first a page at a time, More appending the next, from the first page again when the window or the search changes', async () => {
    await ingestTrail();
    const events = page.getByRole('region', { name: 'Events' });
    const matches = page.getByRole('region', { name: 'Matches' });
    const listed = (list: Locator) => list.locator('li a').allTextContents();
    // The trail is one kind from one device all along: one run, whatever the pages.
    const trailRun = (count: string, span: string) => events.getByRole('button', { name: `notification × ${count}, ${span}, ${trailDevice}`, exact: true });
    const runs = (list: Locator) => list.locator('li.run').count();

    await page.goto(`${base}/?from=2026-06-07&devices=${trailDevice}`);
    await events.getByText('The first 50 events in view so far').waitFor();
    await trailRun('50 so far', '08:00 AM–08:49 AM').click();
    assert.equal(await trailRun('50 so far', '08:00 AM–08:49 AM').getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await listed(events), trailHeadlines(0, 50));
    await events.getByRole('button', { name: 'More events' }).click();
    await events.getByText('The first 100 events in view so far').waitFor();
    // The next page continues the run: it grows, still open, and is not a second run.
    assert.equal(await trailRun('100 so far', '08:00 AM–09:39 AM').getAttribute('aria-expanded'), 'true');
    assert.equal(await runs(events), 1);
    assert.deepEqual(await listed(events), trailHeadlines(0, 100), 'the second page appended to the first');
    await events.getByRole('button', { name: 'More events' }).click();
    await events.getByText('120 events in view').waitFor();
    await trailRun('120', '08:00 AM–09:59 AM').waitFor();
    assert.equal(await runs(events), 1);
    assert.deepEqual(await listed(events), trailHeadlines(0, 120));
    assert.equal(await events.getByRole('button', { name: 'More events' }).count(), 0, 'no More after the last page');

    // A search lists its matches from their first page, in time order too, each in sight: not as a run.
    const wombats = (fromMinute: number) => trailHeadlines(fromMinute, 120).filter((_, i) => (fromMinute + i) % 2 === 0);
    await page.getByLabel('Search text').fill('wombat');
    await matches.getByText('The first 50 matches for “wombat” so far').waitFor();
    assert.deepEqual(await listed(matches), wombats(0).slice(0, 50));
    assert.equal(await runs(matches), 0);
    await matches.getByRole('button', { name: 'More matches' }).click();
    await matches.getByText('60 events match “wombat”').waitFor();
    assert.deepEqual(await listed(matches), wombats(0));
    assert.equal(await matches.getByRole('button', { name: 'More matches' }).count(), 0, 'no More after the last page');

    // A narrower window starts over: 09:00–15:00 holds the trail's second hour.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForURL(/from=2026-06-07T09:00:00.000Z&to=2026-06-07T15:00:00.000Z/);
    await matches.getByText('30 events match “wombat”').waitFor();
    assert.deepEqual(await listed(matches), wombats(60));

    // So does clearing the search: the window's events, oldest first, a page at a time. Their run
    // is closed: it holds none of the events the run opened above held when it was opened.
    await page.getByLabel('Search text').fill('');
    await events.getByText('The first 50 events in view so far').waitFor();
    assert.equal(await trailRun('50 so far', '09:00 AM–09:49 AM').getAttribute('aria-expanded'), 'false');
    await trailRun('50 so far', '09:00 AM–09:49 AM').click();
    assert.deepEqual(await listed(events), trailHeadlines(60, 110));
    await events.getByRole('button', { name: 'More events' }).click();
    await events.getByText('60 events in view').waitFor();
    await trailRun('60', '09:00 AM–09:59 AM').waitFor();
    assert.deepEqual(await listed(events), trailHeadlines(60, 120));
    await trailRun('60', '09:00 AM–09:59 AM').click();
    assert.equal(await trailRun('60', '09:00 AM–09:59 AM').getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await listed(events), [], 'the run closed again');

    // The heart rates among them, drawn as a line, are listed once their kind is chosen: one kind
    // chosen, each of its events is a row.
    await page.goto(`${base}/?from=2026-06-07&devices=${trailDevice}&kinds=HEART_RATE`);
    await events.getByText(`${trailHeartRates} events in view`).waitFor();
    assert.equal(await events.locator('li a').count(), trailHeartRates);
    assert.equal(await runs(events), 0);
  });

  it('collapses a run of one kind from one device into one row that grows with the next page and opens in place', async () => {
    await page.goto(`${base}/?from=2026-06-01`);
    const events = page.getByRole('region', { name: 'Events' });
    // Each top row as the list shows it: a run's summary, or an event's kind.
    const rows = () => events.locator(':scope > ol > li').evaluateAll((lis) => lis.map((li) => li.querySelector('.run-summary, .kind')?.textContent));
    const morningRun = events.locator('li.run').first();
    await events.getByText('The first 50 events in view so far').waitFor();
    // The day opens with a notification, then the morning run's GPS fixes every 30 s from 07:00:
    // the first page holds 49 of them, as one row saying the run may go on.
    assert.deepEqual(await rows(), ['notification', 'gps fix × 49 so far, 07:00 AM–07:24 AM, phone']);
    assert.equal(await morningRun.getByRole('button').getAttribute('aria-expanded'), 'false');

    // The next page continues the run: the same row, grown to the whole run, and then what the day
    // did next. Two notifications in a row stay two rows; the commute's fixes start a run of their own.
    await events.getByRole('button', { name: 'More events' }).click();
    await events.getByText('The first 100 events in view so far').waitFor();
    assert.deepEqual(await rows(), ['notification', 'gps fix × 81, 07:00 AM–07:40 AM, phone', 'notification', 'notification', 'web visit', 'gps fix × 15 so far, 08:30 AM–08:44 AM, phone']);

    // Reached from the keyboard and opened in place: its fixes, each opening its detail.
    const toggle = events.getByRole('button', { name: 'gps fix × 81, 07:00 AM–07:40 AM, phone', exact: true });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const fixes = morningRun.locator('li a');
    assert.equal(await fixes.count(), 81);
    const tenth = (await fixes.nth(9).textContent()) ?? '';
    await fixes.nth(9).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('heading', { name: tenth }).waitFor();
    await shot('event-runs');
    await detail.getByRole('button', { name: 'Close', exact: true }).click();
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await fixes.count(), 0);
  });

  it('keeps the events listed when their next page fails, says why, and asks again on Retry', async () => {
    await ingestTrail();
    // The API refuses the next page as it refuses any query, over the app's own socket: every other
    // message passes through to the real server.
    let refuseNextPages = true;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
    await context.routeWebSocket(/\/graphql$/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        const request = nextPageRequest.safeParse(typeof message === 'string' ? JSON.parse(message) : null);
        if (refuseNextPages && request.success && request.data.payload.query.includes('query EventPage'))
          socket.send(JSON.stringify({ id: request.data.id, type: 'error', payload: [{ message: 'the next page was refused', extensions: { code: 'TEST_REFUSED' } }] }));
        else server.send(message);
      });
    });
    const refused = await context.newPage();
    try {
      await refused.goto(`${base}/?from=2026-06-07&devices=${trailDevice}`);
      await refused.getByLabel('Token').fill(readToken);
      await refused.getByRole('button', { name: 'Sign in' }).click();
      const events = refused.getByRole('region', { name: 'Events' });
      await events.getByText('The first 50 events in view so far').waitFor();
      await events.getByRole('button', { name: /^notification × 50 so far/ }).click();
      await events.getByRole('button', { name: 'More events' }).click();
      await events.getByText('Could not load the events: the next page was refused').waitFor();
      assert.deepEqual(await events.locator('li a').allTextContents(), trailHeadlines(0, 50), 'the first page stays');
      refuseNextPages = false;
      await events.getByRole('button', { name: 'Retry' }).click();
      await events.getByText('The first 100 events in view so far').waitFor();
      assert.deepEqual(await events.locator('li a').allTextContents(), trailHeadlines(0, 100));
      assert.equal(await events.getByText(/Could not load/).count(), 0);
    } finally {
      await context.close();
    }
  });

  it('shows photos as thumbnails and opens one with its text, objects and faces drawn over it, searched words highlighted', async () => {
    // Analyses load their models on the first image and share 2 cores with other suites: give them minutes.
    const analysisIdOf = (sourceEventId: string) =>
      eventually(
        async () => {
          const result = await h.graphql<{ timeline: { edges: { node: { id: string; sourceEventId?: string } }[] } }>(
            `query { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", kinds: [IMAGE_ANALYSIS]) { edges { node { id ... on ImageAnalysis { sourceEventId } } } } }`,
          );
          return result.data?.timeline.edges.find((e) => e.node.sourceEventId === sourceEventId)?.node.id;
        },
        `the analysis of ${sourceEventId}`,
        1_800,
      );
    const [screenshotAnalysis, astronautAnalysis] = [await analysisIdOf(screenshotId), await analysisIdOf(astronautId)];
    await page.goto(`${base}/?from=2026-06-01`);
    const photos = lane(page, 'Photos');
    const thumbnailOf = (analysisId: string) => photos.locator(`g.mark.photo[data-event-id="${analysisId}"] img.thumbnail`);
    await thumbnailOf(screenshotAnalysis).waitFor();
    await thumbnailOf(astronautAnalysis).waitFor();
    // The thumbnail (WebP, 320 px wide), never the 1280 px original, fetched with the token into an object URL.
    const thumbnail = await thumbnailOf(screenshotAnalysis).evaluate((img: HTMLImageElement) => ({ src: img.src, naturalWidth: img.naturalWidth }));
    assert.match(thumbnail.src, /^blob:/);
    await eventually(async () => ((await thumbnailOf(screenshotAnalysis).evaluate((img: HTMLImageElement) => img.naturalWidth)) === 320 ? true : undefined), 'the thumbnail to load');

    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const overlay = detail.locator('svg.image-overlay');
    await thumbnailOf(astronautAnalysis).click();
    await overlay.locator('.overlay-face rect').first().waitFor();
    assert.equal(await overlay.locator('.overlay-face rect').count(), 1);
    assert.equal(await overlay.locator('.overlay-face .overlay-gaze line').count(), 1, 'the gaze arrow');
    await overlay.locator('.overlay-object[data-label="person"] rect').first().waitFor();
    // The face box lies on the drawn image, scaled from the photo's 512 pixels.
    const [faceBox, imageBox] = [await overlay.locator('.overlay-face rect').boundingBox(), await detail.getByRole('img', { name: 'image', exact: true }).boundingBox()];
    assert.ok(faceBox && imageBox && faceBox.x >= imageBox.x && faceBox.x + faceBox.width <= imageBox.x + imageBox.width + 1 && faceBox.width < imageBox.width / 2, JSON.stringify({ faceBox, imageBox }));
    await detail.getByRole('checkbox', { name: /Faces/ }).uncheck();
    assert.equal(await overlay.locator('.overlay-face').count(), 0, 'the faces layer hidden');
    assert.ok((await overlay.locator('.overlay-object').count()) > 0, 'the objects layer still shown');
    await detail.getByRole('checkbox', { name: /Faces/ }).check();
    await overlay.locator('.overlay-face rect').waitFor();
    await shot('photo-analysis');

    // The screenshot itself (not its analysis) finds its analysis and draws its text lines.
    await photos.locator(`g.mark[data-event-id="${screenshotId}"]`).click();
    await detail.getByRole('heading', { name: 'screenshot of Calendar' }).waitFor();
    await overlay.locator('rect.overlay-text-line').nth(2).waitFor();
    await detail.getByRole('checkbox', { name: /Text/ }).uncheck();
    assert.equal(await overlay.locator('rect.overlay-text-line').count(), 0, 'the text layer hidden');

    // A search match on the analysis opens the photo with the lines holding the word highlighted.
    await page.goto(`${base}/?from=2026-06-01&q=zanzibar`);
    await page.getByRole('region', { name: 'Matches' }).locator(`li[data-event-id="${screenshotAnalysis}"] a`).click();
    const highlighted = overlay.locator('rect.overlay-text-line.highlighted');
    await highlighted.waitFor();
    assert.equal(await highlighted.count(), 1);
    assert.match((await highlighted.locator('title').textContent()) ?? '', /Zanzibar/);
    assert.ok((await overlay.locator('rect.overlay-text-line:not(.highlighted)').count()) >= 2, 'the other lines drawn, not highlighted');
    await detail.getByText('1 line matches “zanzibar”').waitFor();
    await shot('photo-search');
  });

  it("draws a photo's analysis over it and its thumbnail on the timeline as soon as the analysis is stored, without a reload", async () => {
    // A photo whose analysis the test sends itself, when the page already shows the photo: its event
    // comes before its bytes, so the images consumer dead-letters it instead of racing the test.
    const meadow = png(200, 150, (x, y) => (y < 80 ? [110 + (y >> 1), 160 + (y >> 1), 235] : [70 + (x % 30), 140, 60]));
    const image = { sha256: createHash('sha256').update(meadow).digest('hex'), byteSize: meadow.byteLength, mimeType: 'image/png' };
    const photoId = `live-analysis-photo-${randomUUID()}`;
    const time = '2026-06-01T16:20:00.000Z';
    const deadLetters: DeliveredMessage[] = [];
    await h.rawBus().subscribe({ groupId: `test-web-dlq-${randomUUID()}`, topics: ['device.image.camera.raw.dlq'], eachBatch: async (batch) => void deadLetters.push(...batch.messages) });
    const envelope = (id: string, kind: string, payload: Record<string, unknown>) => JSON.stringify({ id, kind, deviceId: devices.phone, time, receivedAt: time, payload });
    await h.rawBus().produce([{ topic: 'device.image.camera.raw', messages: [{ key: devices.phone, value: envelope(photoId, 'cameraPhoto', { camera: 'REAR', widthPx: 200, heightPx: 150, image }) }] }]);
    await eventually(async () => (deadLetters.some((letter) => letter.value?.includes(photoId)) ? true : undefined), 'the photo without its bytes dead-lettered', 1_800);
    assert.equal(await h.services.blobs.put(meadow), image.sha256);
    await eventually(async () => ((await h.graphql<{ event: { id: string } | null }>(`query($id: ID!) { event(id: $id) { id } }`, { id: photoId })).data?.event ? true : undefined), 'the photo stored');

    await page.goto(`${base}/?from=2026-06-01&event=${photoId}`);
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const drawn = detail.getByRole('img', { name: 'image', exact: true });
    await eventually(async () => ((await drawn.evaluate((img: HTMLImageElement) => img.naturalWidth)) === 200 ? true : undefined), 'the photo drawn');
    const overlay = detail.locator('svg.image-overlay');
    assert.equal(await overlay.locator('.overlay-object').count(), 0, 'nothing drawn over the photo before its analysis');
    const analysisId = `live-analysis-${randomUUID()}`;
    const thumbnailOf = lane(page, 'Photos').locator(`g.mark.photo[data-event-id="${analysisId}"] img.thumbnail`);
    assert.equal(await thumbnailOf.count(), 0);

    const thumbnail = await sharp(meadow).webp().toBuffer();
    const analysis = {
      sourceEventId: photoId,
      caption: 'a kite over a meadow',
      objects: ['kite'],
      objectBoxes: [{ label: 'kite', score: 0.8, box: { x: 60, y: 20, width: 50, height: 30 } }],
      faces: [],
      gaze: [],
      textLines: [],
      thumbnail: { sha256: await h.services.blobs.put(thumbnail), byteSize: thumbnail.byteLength, mimeType: 'image/webp' },
      widthPx: 200,
      heightPx: 150,
      model: 'sent by the web test',
    };
    await h.rawBus().produce([{ topic: 'media.image.analysis.moondream_results', messages: [{ key: devices.phone, value: envelope(analysisId, 'imageAnalysis', analysis) }] }]);
    await overlay.locator('.overlay-object[data-label="kite"] rect').first().waitFor();
    await thumbnailOf.waitFor();
    assert.equal(await detail.getByRole('img', { name: 'image', exact: true }).count(), 1, 'the same photo, not a reloaded page');
  });

  it('opens an archived PDF and an archived tweet from the Links lane, readable as saved', async () => {
    const resultIdOf = (sourceEventId: string) =>
      eventually(
        async () => {
          const result = await h.graphql<{ timeline: { edges: { node: { id: string; sourceEventId?: string } }[] } }>(
            `query { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", kinds: [PDF_EXTRACT, TWEET_ARCHIVE]) { edges { node { id ... on PdfExtract { sourceEventId } ... on TweetArchive { sourceEventId } } } } }`,
          );
          return result.data?.timeline.edges.find((e) => e.node.sourceEventId === sourceEventId)?.node.id;
        },
        `the archive of url task ${sourceEventId}`,
        600,
      );
    const [pdfId, tweetArchiveId] = [await resultIdOf(pdfTaskId), await resultIdOf(tweetTaskId)];
    await page.goto(`${base}/?from=2026-06-01`);
    const links = lane(page, 'Links');
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    const archived = detail.getByRole('article', { name: 'Archived content' });

    await links.locator(`g.mark[data-event-id="${pdfId}"]`).click();
    await detail.getByRole('heading', { name: 'Estuary wildlife survey' }).waitFor();
    await archived.getByRole('region', { name: 'Page 2' }).getByText(/^Beaver dams changed the water level/).waitFor();
    assert.match((await archived.getByRole('region', { name: 'Summary' }).textContent()) ?? '', /sentences picked from the text here/);
    // The PDF itself, from this Lifestream's blob store, not from the site.
    const download = archived.getByRole('link', { name: 'the PDF as saved' });
    assert.match((await download.getAttribute('href')) ?? '', /^blob:/);
    await shot('archived-pdf');

    await links.locator(`g.mark[data-event-id="${tweetArchiveId}"]`).click();
    await archived.getByText('Two otter cubs on the mudflats this morning #otters').waitFor();
    const photo = archived.getByRole('img', { name: 'tweet photo' }).first();
    await eventually(async () => ((await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)) === 64 ? true : undefined), 'the archived photo to load');
    assert.match((await archived.locator('blockquote.quoted-tweet').textContent()) ?? '', /@wildlifetrust.*Survey volunteers wanted/);
    await shot('archived-tweet');
  });

  it('live mode follows now and shows an event ingested during the test, and a transcript as it is spoken', async () => {
    await page.goto(`${base}/?live=1&kinds=NOTIFICATION,TRANSCRIPT_SEGMENT`);
    await page.getByText('Live · waiting for events').waitFor();
    const feed = page.getByRole('region', { name: 'Live events' });
    const now = new Date();
    // The subscription is up once the app shows it waits; an event may still race its start, so send until one shows.
    await eventually(async () => {
      if (await feed.locator('li', { hasText: 'Live test: hello from the test' }).count()) return true;
      await h.graphql(`mutation($e: [NotificationInput!]!) { ingestNotification(events: $e) { acceptedCount } }`, {
        e: [{ deviceId: devices.phone, time: now.toISOString(), packageName: 'com.example.test', appName: 'Live test', action: 'POSTED', title: 'hello from the test' }],
      });
      await feed.locator('li', { hasText: 'Live test: hello from the test' }).waitFor({ timeout: 3_000 }).catch(() => {});
      return undefined;
    }, 'the live notification in the feed', 20);
    await lane(page, 'Notifications').locator('g.mark').first().waitFor();
    const spoken = { ...fixtureTranscript(day, devices.phone, 'live-transcript'), time: now.toISOString() };
    spoken.payload = { ...spoken.payload, text: 'this sentence was spoken just now' };
    await h.rawBus().produce([{ topic: 'media.text.transcribed.words', messages: [{ key: devices.phone, value: JSON.stringify(spoken) }] }]);
    await feed.locator('li', { hasText: 'this sentence was spoken just now' }).waitFor();
    await page.locator('line.now').waitFor({ state: 'attached' });
    await shot('live');
  });

  it('live mode shows a calendar entry moved during the test once, at its new time, and not where it was', async () => {
    await page.goto(`${base}/?live=1&kinds=CALENDAR_EVENT`);
    await page.getByText('Live · waiting for events').waitFor();
    const feed = page.getByRole('region', { name: 'Live events' });
    const id = `web-moved-${randomUUID()}`;
    const entry = (minutes: number, title: string) => {
      const start = new Date(Date.now() + minutes * 60_000);
      return { id, deviceId: devices.phone, time: start.toISOString(), endTime: new Date(start.getTime() + 900_000).toISOString(), calendarEventId: id, title };
    };
    const send = (event: ReturnType<typeof entry>) => h.graphql(`mutation($e: [CalendarEventInput!]!) { ingestCalendarEvent(events: $e) { acceptedCount } }`, { e: [event] });
    // As in the test above: sent until it shows, the subscription may start after the first send.
    await eventually(async () => {
      if (await feed.locator('li', { hasText: 'Planning, first slot' }).count()) return true;
      await send(entry(2, 'Planning, first slot'));
      await feed.locator('li', { hasText: 'Planning, first slot' }).waitFor({ timeout: 3_000 }).catch(() => {});
      return undefined;
    }, 'the calendar entry in the feed', 20);
    await send(entry(4, 'Planning, moved'));
    await feed.locator('li', { hasText: 'Planning, moved' }).waitFor();
    assert.equal(await feed.locator(`li[data-event-id="${id}"]`).count(), 1, 'the moved entry replaced the one it was, in the feed');
    await shot('live-moved');
  });

  it('signs out and asks for a token again', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('Token').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('lifestream.token')), null);
  });

  it("did all of the above within the app's Content-Security-Policy", () => {
    assert.deepEqual(policyViolations, []);
  });
});

describe('web app where memos are not configured', () => {
  let h: Harness;
  let browser: Browser;
  const memosAsked: string[] = [];
  const memosErrors: string[] = [];

  before(async () => {
    h = await startHarness(testMode, { MEMOS_DB: undefined });
    await h.startPersistence();
    await ingestFixture(h.url, h.adminToken, [
      { notification: { deviceId: devices.phone, time: '2026-06-01T09:00:00Z', packageName: 'org.example', appName: 'Example', action: 'POSTED', title: 'Standup moved', text: 'to 10:00' } },
    ]);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('opens an event without asking for the memos around it, so no MEMOS_NOT_CONFIGURED is answered or logged', async () => {
    const stored = await eventually(async () => {
      const result = await h.graphql<{ timeline: { edges: { node: { id: string } }[] } }>(`{ timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z") { edges { node { id } } } }`);
      return result.data?.timeline.edges[0]?.node.id;
    }, 'the notification to be stored');
    const base = h.url.replace(/\/graphql$/, '');
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-US' })).newPage();
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => void (String(payload).includes('MemosAround') && memosAsked.push(String(payload))));
      socket.on('framereceived', ({ payload }) => void (String(payload).includes('MEMOS_NOT_CONFIGURED') && memosErrors.push(String(payload))));
    });
    assert.deepEqual(await (await fetch(`${base}/app-settings.json`)).json(), { mapTiles: null, memos: false });
    await page.goto(`${base}/?from=2026-06-01&event=${stored}`);
    const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "web test without memos", scope: READ) { token } }`);
    await page.getByLabel('Token').fill(created.data!.createAccessToken.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.locator('.around li.this', { hasText: 'Standup moved' }).waitFor();
    assert.deepEqual(memosAsked, []);
    assert.deepEqual(memosErrors, []);
    assert.equal(await detail.getByText(/Memos/).count(), 0, 'no note about memos where none are configured');
  });
});
