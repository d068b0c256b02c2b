// The screen pipeline end to end: keyframes rendered by Chromium from a scripted page, streamed over
// graphql-ws one mutation per frame, become objectDetections: the moving window keeps one track id
// and flow reports its motion, unchanged frames read no text, changed text is found by
// timeline(text:), a cut to another application is a scene cut, and the session's result counts its
// frames. Frames out of order, duplicated, corrupt, or after the close each get their outcome, and
// frames faster than the interval are skipped and counted.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { screenFrames } from '../consumers/screen/screen-metrics.ts';
import { png } from './fixtures/png.ts';
import { frameSize, renderSession, sessionScript } from './fixtures/screen-session.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface FrameResult {
  id: string;
  time: string;
  sourceEventId: string;
  frameIndex: number;
  detections: { label: string; confidence: number; box: Box; trackId: number }[];
  movingRegions: { box: Box; dxPx: number; dyPx: number; trackId: number }[] | null;
  meanFlowPx: number | null;
  changedFraction: number;
  sceneCut: boolean;
  ocr: 'FULL' | 'CHANGED_REGION' | 'SKIPPED';
  ocrText: string | null;
  skippedFrames: number;
  image: { sha256: string };
}

interface SessionResult {
  sessionId: string;
  closedBy: 'END' | 'IDLE';
  frames: number;
  analysedFrames: number;
  skippedFrames: number;
  ocrRuns: number;
  ocrSkippedFrames: number;
}

const day = { from: '2026-07-01T00:00:00Z', to: '2026-07-02T00:00:00Z' };
const framesQuery = `query($d: [ID!], $text: String) {
  timeline(from: "${day.from}", to: "${day.to}", deviceIds: $d, kinds: [OBJECT_DETECTIONS], text: $text, first: 100) {
    edges { node { id time ... on ObjectDetections {
      sourceEventId frameIndex detections movingRegions meanFlowPx changedFraction sceneCut ocr ocrText skippedFrames image { sha256 }
    } } }
  }
}`;
const sessionQuery = `query($d: [ID!]) {
  timeline(from: "${day.from}", to: "${day.to}", deviceIds: $d, kinds: [SCREEN_SESSION]) {
    edges { node { ... on ScreenSession { sessionId closedBy frames analysedFrames skippedFrames ocrRuns ocrSkippedFrames } } }
  }
}`;

// Every changed frame loads and runs the detector and the OCR on 2 shared cores: give it minutes.
const analysisAttempts = 3_000;

describe('screen pipeline', () => {
  let h: Harness;
  let socket: Client;
  const deadLetters: DeliveredMessage[] = [];

  before(async () => {
    // No per-batch cap: frames queued behind the models' first load would be thinned (frame-sampling.test.ts proves the cap).
    h = await startHarness(undefined, { LIFESTREAM_SCREEN_MIN_FRAME_INTERVAL_MS: '500', LIFESTREAM_SCREEN_MAX_FRAMES_PER_BATCH: '1000' });
    await h.startPersistence();
    await h.startConsumers('screen');
    await h.rawBus().subscribe({
      groupId: `test-screen-dlq-${randomUUID()}`,
      topics: ['device.video.screen.raw.dlq'],
      eachBatch: async (batch) => void deadLetters.push(...batch.messages),
    });
    socket = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` }, retryAttempts: 0 });
  });
  after(async () => {
    await socket?.dispose();
    await h?.close();
  });

  /** One keyframe as a desktop agent streams it: one mutation on the open socket, answered once durable. */
  const stream = (frame: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      socket.subscribe<{ ingestScreenKeyframe: { accepted: { id: string }[]; errors: { message: string }[] } }>(
        { query: 'mutation($e: [ScreenKeyframeInput!]!) { ingestScreenKeyframe(events: $e) { accepted { id } errors { message } } }', variables: { e: [frame] } },
        {
          next: (result) => {
            const answer = result.data?.ingestScreenKeyframe;
            if (!answer || answer.errors.length > 0) reject(new Error(JSON.stringify(result)));
            else resolve(answer.accepted[0]!.id);
          },
          error: reject,
          complete: () => {},
        },
      );
    });

  const keyframe = (device: string, sessionId: string, frameIndex: number, timeMs: number, bytes: Buffer, extra: Record<string, unknown> = {}) => ({
    deviceId: device,
    time: new Date(Date.parse(day.from) + timeMs).toISOString(),
    sessionId,
    frameIndex,
    widthPx: frameSize.width,
    heightPx: frameSize.height,
    image: { base64: bytes.toString('base64'), mimeType: 'image/png' },
    ...extra,
  });

  const framesOf = async (device: string, text?: string) => {
    const result = await h.graphql<{ timeline: { edges: { node: FrameResult }[] } }>(framesQuery, { d: [device], text });
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data!.timeline.edges.map((edge) => edge.node).sort((a, b) => a.frameIndex - b.frameIndex);
  };
  const sessionOf = (device: string) =>
    eventually(async () => (await h.graphql<{ timeline: { edges: { node: SessionResult }[] } }>(sessionQuery, { d: [device] })).data?.timeline.edges[0]?.node, `the screen session of ${device}`, analysisAttempts);
  /** The dead letters of these events, once each of them has one. */
  const lettersFor = (ids: string[]) =>
    eventually(async () => {
      const mine = deadLetters.filter((letter) => ids.includes((JSON.parse(letter.value ?? '{}') as { id?: string }).id ?? ''));
      return ids.every((id) => mine.some((letter) => (JSON.parse(letter.value ?? '{}') as { id?: string }).id === id)) ? mine : undefined;
    }, `the dead letters of ${ids.join(', ')}`, analysisAttempts);
  const errorOf = (letters: DeliveredMessage[], id: string) => letters.find((letter) => (JSON.parse(letter.value ?? '{}') as { id?: string }).id === id)?.headers['lifestream-error'];

  it('tracks the moving window, reads only what changed, finds the new text, cuts to the next scene, and closes the session on its last frame', async () => {
    const device = uniqueDevice('desktop');
    const frames = await renderSession(sessionScript(40));
    const ids: string[] = [];
    for (const [index, frame] of frames.entries()) ids.push(await stream(keyframe(device, 'work', index, index * 1000, frame.png, index === frames.length - 1 ? { isLast: true } : {})));

    const session = await sessionOf(device);
    const results = await framesOf(device);
    assert.deepEqual(results.map((r) => r.frameIndex), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(results.map((r) => r.sourceEventId), ids);
    assert.deepEqual(results.map((r) => r.ocr), ['FULL', 'CHANGED_REGION', 'CHANGED_REGION', 'CHANGED_REGION', 'CHANGED_REGION', 'CHANGED_REGION', 'SKIPPED', 'SKIPPED', 'FULL', 'SKIPPED']);

    // The window moved 40 px right each frame: the largest moving region says so (±10 px), and keeps its track id.
    const moving = results.slice(1, 5).map((r) => {
      const largest = [...(r.movingRegions ?? [])].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
      assert.ok(largest, `frame ${r.frameIndex} has a moving region`);
      assert.ok(Math.abs(largest.dxPx - 40) <= 10 && Math.abs(largest.dyPx) <= 10, `frame ${r.frameIndex}: motion ${largest.dxPx}, ${largest.dyPx}, expected 40 ± 10, 0 ± 10`);
      return largest;
    });
    assert.equal(new Set(moving.map((region) => region.trackId)).size, 1, `one track: ${JSON.stringify(moving.map((region) => region.trackId))}`);
    assert.ok(results.slice(1, 5).every((r) => (r.meanFlowPx ?? 0) > 0));

    // The still period: nothing changed, nothing read, the text still there.
    for (const still of [results[6]!, results[7]!]) {
      assert.equal(still.changedFraction, 0);
      assert.deepEqual(still.movingRegions, []);
      assert.match(still.ocrText ?? '', /Kumquat/);
    }
    // The new status is found, first in the frame it appeared in; the old one is gone from it.
    const found = await framesOf(device, 'kumquat');
    assert.equal(found[0]?.frameIndex, 5, JSON.stringify(found.map((r) => r.frameIndex)));
    assert.doesNotMatch(results[5]!.ocrText ?? '', /Draft saved/);
    assert.match(results[4]!.ocrText ?? '', /Draft saved/);

    assert.deepEqual(results.map((r) => r.sceneCut), [false, false, false, false, false, false, false, false, true, false]);
    assert.equal((await framesOf(device, 'harvest'))[0]?.frameIndex, 8);
    assert.ok(results.every((r) => r.image.sha256.length === 64));

    assert.deepEqual(session, { sessionId: 'work', closedBy: 'END', frames: 10, analysedFrames: 10, skippedFrames: 0, ocrRuns: 7, ocrSkippedFrames: 3 });
  });

  it('dead-letters a frame out of order, a corrupt frame and a frame after the close, drops a duplicate, and goes on with the session', async () => {
    const device = uniqueDevice('agent');
    const plain = (shade: number) => png(160, 120, (x) => [shade, x, 255 - shade]);
    const send = (index: number, bytes: Buffer, extra: Record<string, unknown> = {}) => stream(keyframe(device, 'rough', index, index * 1000, bytes, extra));
    const analysed = (count: number) => eventually(async () => ((await framesOf(device)).length >= count ? framesOf(device) : undefined), `${count} frames of ${device}`, analysisAttempts);

    await send(0, plain(10));
    await send(2, plain(120));
    await analysed(2);
    const outOfOrder = await send(1, plain(60));
    const duplicate = await send(2, plain(120));
    const corrupt = await send(3, plain(200).subarray(0, 80));
    await send(4, plain(250), { isLast: true });
    const session = await sessionOf(device);
    const afterClose = await send(5, plain(30));

    const letters = await lettersFor([outOfOrder, corrupt, afterClose]);
    const all = deadLetters.filter((letter) => letter.key === device).map((letter) => letter.headers['lifestream-error']);
    assert.match(errorOf(letters, outOfOrder) ?? '', /screen keyframe 1 of session rough came after frame 2 was taken/);
    assert.match(errorOf(letters, corrupt) ?? '', /\(frame 3 of session rough\): CORRUPT: /);
    assert.match(errorOf(letters, afterClose) ?? '', /screen keyframe 5 of session rough came after the session closed \(its last frame\)/);
    assert.ok(!deadLetters.some((letter) => (JSON.parse(letter.value ?? '{}') as { id?: string }).id === duplicate), `the duplicate is not dead-lettered: ${JSON.stringify(all)}`);
    assert.equal(letters.length, 3, JSON.stringify(all));
    assert.deepEqual((await framesOf(device)).map((r) => r.frameIndex), [0, 2, 4]);
    assert.deepEqual({ frames: session.frames, analysedFrames: session.analysedFrames, closedBy: session.closedBy }, { frames: 4, analysedFrames: 3, closedBy: 'END' });
  });

  it('skips frames that come faster than the interval, counting them in the frames, the session and the metrics', async () => {
    const device = uniqueDevice('fast');
    const skippedBefore = (await screenFrames.get()).values.find((value) => value.labels.outcome === 'skipped')?.value ?? 0;
    // Ten frames 100 ms apart with a 500 ms interval: frames 0 and 5 are analysed, the other eight skipped.
    const events = Array.from({ length: 10 }, (_, i) => keyframe(device, 'burst', i, i * 100, png(160, 120, (x, y) => [(x + i * 20) % 256, y, 90]), i === 9 ? { isLast: true } : {}));
    const answer = await h.graphql<{ ingestScreenKeyframe: { acceptedCount: number } }>('mutation($e: [ScreenKeyframeInput!]!) { ingestScreenKeyframe(events: $e) { acceptedCount } }', { e: events });
    assert.equal(answer.data?.ingestScreenKeyframe.acceptedCount, 10);

    const session = await sessionOf(device);
    assert.deepEqual({ frames: session.frames, analysedFrames: session.analysedFrames, skippedFrames: session.skippedFrames }, { frames: 10, analysedFrames: 2, skippedFrames: 8 });
    const results = await framesOf(device);
    assert.deepEqual(results.map((r) => [r.frameIndex, r.skippedFrames]), [[0, 0], [5, 4]]);
    const skippedAfter = (await screenFrames.get()).values.find((value) => value.labels.outcome === 'skipped')?.value ?? 0;
    assert.equal(skippedAfter - skippedBefore, 8);
  });
});
