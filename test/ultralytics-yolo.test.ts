// The Ultralytics YOLO decoder on a real Ultralytics export (test/fixtures/ultralytics-onnx.ts): the
// output layout is taken, the letterboxing undone, and the face it finds in the astronaut photo lands
// on her face, which a wrong layout or a wrong inverse of the letterbox would not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { decodeImage } from '../consumers/images/decode-image.ts';
import { yoloDetector } from '../consumers/screen/ultralytics-yolo.ts';
import { photo } from './fixtures/photos.ts';
import { ultralyticsFixture } from './fixtures/ultralytics-onnx.ts';

describe('Ultralytics YOLO on a real export', () => {
  it("finds the astronaut's face where it is, with the export's own classes", async () => {
    const { modelPath, classNames } = ultralyticsFixture();
    assert.equal(classNames.length, 18);
    const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
    try {
      const detector = yoloDetector({ session, ort, classNames, sizePx: 320, model: 'NudeNet 320n (test only)' }, { minScore: 0.25, iouThreshold: 0.45, perLabel: true, maxDetections: 20 });
      // Placed 300 px into a wide grey canvas, so the letterbox pads above and below and the face moves right.
      const wide = await sharp(photo('astronaut')).extend({ left: 300, right: 100, background: '#808080' }).png().toBuffer();
      const { pixels } = await decodeImage(wide, 'image/png');
      assert.deepEqual([pixels.width, pixels.height], [912, 512]);
      const found = await detector.detectObjects(pixels);
      const face = found.find((object) => object.label.startsWith('FACE_'));
      assert.ok(face, JSON.stringify(found));
      // Her face in the 512 × 512 photo lies around x 180–320, y 60–240 (Human's face detector agrees): x 480–620 on the canvas.
      const centreX = face.box.x + face.box.width / 2;
      const centreY = face.box.y + face.box.height / 2;
      assert.ok(centreX > 480 && centreX < 620 && centreY > 60 && centreY < 240, JSON.stringify(face));
      assert.ok(face.box.width > 40 && face.box.width < 250, JSON.stringify(face));
      assert.ok(found.every((object) => object.box.x >= 0 && object.box.y >= 0 && object.box.x + object.box.width <= 912 && object.box.y + object.box.height <= 512));
    } finally {
      await session.release();
    }
  });
});
