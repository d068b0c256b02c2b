// The screen consumer under its settings, end to end: LIFESTREAM_SCREEN_DETECTOR set to a real
// Ultralytics export (NudeNet's YOLOv8n, test/fixtures/ultralytics-onnx.ts) puts that model's
// detections, with its own class names from its metadata, into objectDetections; a wrong value stops
// the consumer's start naming it; and with a short LIFESTREAM_SCREEN_SESSION_IDLE_S a session that
// receives no frame closes by itself, its screenSession emitted, its later frames refused.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { startConsumers } from '../consumers/start-consumers.ts';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { photo } from './fixtures/photos.ts';
import { png } from './fixtures/png.ts';
import { ultralyticsFixture } from './fixtures/ultralytics-onnx.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

interface FrameResult {
  frameIndex: number;
  detections: { label: string; confidence: number; box: { x: number; y: number; width: number; height: number }; trackId: number }[];
  model: string;
}

interface SessionResult {
  sessionId: string;
  closedBy: 'END' | 'IDLE';
  frames: number;
  analysedFrames: number;
}

const day = { from: '2026-07-01T00:00:00Z', to: '2026-07-02T00:00:00Z' };
const framesQuery = `query($d: [ID!]) {
  timeline(from: "${day.from}", to: "${day.to}", deviceIds: $d, kinds: [OBJECT_DETECTIONS]) {
    edges { node { ... on ObjectDetections { frameIndex detections model } } }
  }
}`;
const sessionQuery = `query($d: [ID!]) {
  timeline(from: "${day.from}", to: "${day.to}", deviceIds: $d, kinds: [SCREEN_SESSION]) {
    edges { node { ... on ScreenSession { sessionId closedBy frames analysedFrames } } }
  }
}`;
// The first frame loads the detector and the OCR on 2 shared cores: give it minutes.
const analysisAttempts = 3_000;

describe('screen consumer settings', () => {
  let h: Harness;
  const model = ultralyticsFixture();
  const deadLetters: DeliveredMessage[] = [];

  before(async () => {
    h = await startHarness(undefined, { LIFESTREAM_SCREEN_DETECTOR: model.modelPath, LIFESTREAM_SCREEN_SESSION_IDLE_S: '1' });
    await h.startPersistence();
    await h.startConsumers('screen');
    await h.rawBus().subscribe({
      groupId: `test-screen-settings-dlq-${randomUUID()}`,
      topics: ['device.video.screen.raw.dlq'],
      eachBatch: async (batch) => void deadLetters.push(...batch.messages),
    });
  });
  after(async () => {
    await h?.close();
  });

  const send = async (device: string, sessionId: string, frameIndex: number, bytes: Buffer, extra: Record<string, unknown> = {}) => {
    const { width, height } = await sharp(bytes).metadata();
    const result = await h.graphql<{ ingestScreenKeyframe: { accepted: { id: string }[] } }>(
      'mutation($e: [ScreenKeyframeInput!]!) { ingestScreenKeyframe(events: $e) { accepted { id } errors { message } } }',
      { e: [{ deviceId: device, time: new Date(Date.parse(day.from) + frameIndex * 1000).toISOString(), sessionId, frameIndex, widthPx: width, heightPx: height, image: { base64: bytes.toString('base64'), mimeType: 'image/png' }, ...extra }] },
    );
    const id = result.data?.ingestScreenKeyframe.accepted[0]?.id;
    assert.ok(id, JSON.stringify(result));
    return id;
  };
  const sessionOf = (device: string) =>
    eventually(async () => (await h.graphql<{ timeline: { edges: { node: SessionResult }[] } }>(sessionQuery, { d: [device] })).data?.timeline.edges[0]?.node, `the screen session of ${device}`, analysisAttempts);

  it("puts the Ultralytics export's detections, named by its own classes, into objectDetections", async () => {
    const device = uniqueDevice('yolo-desk');
    // The astronaut photo in a 1280 × 720 screen, 300 px from the left: her face lies around x 480–620, y 164–344.
    const screen = await sharp(photo('astronaut')).extend({ left: 300, right: 468, top: 104, bottom: 104, background: '#808080' }).png().toBuffer();
    await send(device, 'photo-viewer', 0, screen, { isLast: true });
    await sessionOf(device);
    const [frame] = (await h.graphql<{ timeline: { edges: { node: FrameResult }[] } }>(framesQuery, { d: [device] })).data!.timeline.edges.map((edge) => edge.node);
    assert.ok(frame, 'the frame was analysed');
    assert.match(frame.model, /objects: Ultralytics YOLO 320n\.onnx \(.*18 classes, 320 px\)/);
    assert.ok(frame.detections.every((detection) => model.classNames.includes(detection.label)), JSON.stringify(frame.detections));
    const face = frame.detections.find((detection) => detection.label.startsWith('FACE_'));
    assert.ok(face, JSON.stringify(frame.detections));
    const [centreX, centreY] = [face.box.x + face.box.width / 2, face.box.y + face.box.height / 2];
    assert.ok(centreX > 480 && centreX < 620 && centreY > 164 && centreY < 344, JSON.stringify(face));
    assert.ok(face.trackId >= 1);
  });

  it('refuses to start the consumer with a detector that is not there, naming the setting', async () => {
    const config = { ...h.services.config, LIFESTREAM_SCREEN_DETECTOR: '/nowhere/yolo11n.onnx' };
    await assert.rejects(startConsumers(['screen'], { ...h.services, config }), /LIFESTREAM_SCREEN_DETECTOR is "\/nowhere\/yolo11n\.onnx", and \/nowhere\/yolo11n\.onnx does not exist/);
    await assert.rejects(startConsumers(['screen'], { ...h.services, config: { ...h.services.config, LIFESTREAM_SCREEN_DETECTOR: 'yolo11n', MODELS_DIR: '/nowhere' } }), /run `npm run models -- pull yolo11n`/);
  });

  it('closes a session that receives no frame for the idle time, emits its result, and refuses its later frames', async () => {
    const device = uniqueDevice('idle-desk');
    await send(device, 'quiet', 0, png(160, 120, (x, y) => [x, y, 120]));
    const session = await sessionOf(device);
    assert.deepEqual(session, { sessionId: 'quiet', closedBy: 'IDLE', frames: 1, analysedFrames: 1 });

    const late = await send(device, 'quiet', 1, png(160, 120, (x, y) => [y, x, 60]));
    const letter = await eventually(async () => deadLetters.find((message) => (JSON.parse(message.value ?? '{}') as { id?: string }).id === late), 'the late frame to be dead-lettered', analysisAttempts);
    assert.match(letter.headers['lifestream-error'] ?? '', /screen keyframe 1 of session quiet came after the session closed \(no frame for 1 s\); send a new sessionId/);
  });
});
