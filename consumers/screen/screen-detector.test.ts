import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { onnxHeaderBytes } from '../../test/fixtures/onnx-header.ts';
import { ultralyticsFixture } from '../../test/fixtures/ultralytics-onnx.ts';
import { resolveScreenDetector } from './screen-detector.ts';

const emptyModelsDir = mkdtempSync(join(tmpdir(), 'lifestream-no-models-'));
const header = (name: string, header: Parameters<typeof onnxHeaderBytes>[0]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lifestream-onnx-')), name);
  writeFileSync(path, onnxHeaderBytes(header));
  return path;
};

describe('the screen detector setting', () => {
  it('is CenterNet by default', () => {
    assert.deepEqual(resolveScreenDetector('centernet', [], emptyModelsDir), { kind: 'centernet' });
  });

  it("takes an Ultralytics export by path, with the class names and input size of its metadata", () => {
    const { modelPath, classNames } = ultralyticsFixture();
    const detector = resolveScreenDetector(modelPath, [], emptyModelsDir);
    assert.equal(detector.kind, 'ultralytics');
    assert.ok(detector.kind === 'ultralytics');
    assert.deepEqual(detector.classNames, classNames);
    assert.equal(detector.sizePx, 320);
    assert.match(detector.model, /^Ultralytics YOLO 320n\.onnx \(.*18 classes, 320 px\)$/);
  });

  it('takes class names given in place of those of the export, when as many', () => {
    const path = header('plain.onnx', { inputs: { images: [1, 3, 416, 416] }, outputs: { output0: [1, 6, 3549] } });
    const detector = resolveScreenDetector(path, ['window', 'cursor'], emptyModelsDir);
    assert.ok(detector.kind === 'ultralytics');
    assert.deepEqual([detector.classNames, detector.sizePx], [['window', 'cursor'], 416]);
    assert.throws(() => resolveScreenDetector(path, ['window'], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is ".*plain\.onnx", and .* is not an Ultralytics YOLO detection export .*LIFESTREAM_SCREEN_DETECTOR_CLASSES.*: its output is \[1, 6, 3549\], expected \[1, 5, candidates\] for 1 classes/);
  });

  it('refuses an export without class names, one of another task or layout, and a missing file, naming the setting', () => {
    const unnamed = header('unnamed.onnx', { inputs: { images: [1, 3, 640, 640] }, outputs: { output0: [1, 84, 8400] } });
    assert.throws(() => resolveScreenDetector(unnamed, [], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is ".*unnamed\.onnx", .*: its metadata has no class names/);
    const segmenter = header('seg.onnx', { metadata: { task: 'segment', names: "{0: 'person'}" }, inputs: { images: [1, 3, 640, 640] }, outputs: { output0: [1, 37, 8400] } });
    assert.throws(() => resolveScreenDetector(segmenter, [], emptyModelsDir), /it is an Ultralytics segment model; only detection exports/);
    const withNms = header('nms.onnx', { metadata: { names: "{0: 'person', 1: 'car'}" }, inputs: { images: [1, 3, 640, 640] }, outputs: { output0: [1, 300, 6] } });
    assert.throws(() => resolveScreenDetector(withNms, [], emptyModelsDir), /its output is \[1, 300, 6\], expected \[1, 6, candidates\] for 2 classes: export a detection model without NMS/);
    const oblong = header('rect.onnx', { metadata: { names: "{0: 'person'}" }, inputs: { images: [1, 3, 384, 640] }, outputs: { output0: [1, 5, 5040] } });
    assert.throws(() => resolveScreenDetector(oblong, [], emptyModelsDir), /not square: export it with one imgsz/);
    assert.throws(() => resolveScreenDetector('/nowhere/yolo.onnx', [], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is "\/nowhere\/yolo\.onnx", and \/nowhere\/yolo\.onnx does not exist/);
    const notOnnx = join(mkdtempSync(join(tmpdir(), 'lifestream-onnx-')), 'notes.onnx');
    writeFileSync(notOnnx, 'just some notes\n');
    assert.throws(() => resolveScreenDetector(notOnnx, [], emptyModelsDir), /is not an Ultralytics YOLO detection export this consumer reads: .*not an ONNX model/);
  });

  it('takes a model of the manifest from MODELS_DIR, and says how to pull it when it is not there', () => {
    assert.throws(() => resolveScreenDetector('yolo11n', [], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is "yolo11n", which is not in .*: run `npm run models -- pull yolo11n`/);
    assert.throws(() => resolveScreenDetector('yolo99', [], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is "yolo99", which is neither centernet nor a model of models\/manifest\.json \(.*yolo11n.*\) nor the path of an \.onnx file/);
    assert.throws(() => resolveScreenDetector('whisper-base', [], emptyModelsDir), /LIFESTREAM_SCREEN_DETECTOR is "whisper-base", a model of models\/manifest\.json that is no Ultralytics YOLO export: name one such as yolo11n/);
  });
});
