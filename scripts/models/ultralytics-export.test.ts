import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { onnxHeaderBytes } from '../../test/fixtures/onnx-header.ts';
import { ultralyticsFixture } from '../../test/fixtures/ultralytics-onnx.ts';
import { findModel } from '../../models/manifest.ts';
import { checkExportLayout, exportArguments, exportRequirements } from './ultralytics-export.ts';

const yolo11n = findModel('yolo11n');
const settings = yolo11n.ultralyticsExport!;

describe('pulling Ultralytics YOLO: the export to ONNX', () => {
  it('is in the manifest as one .onnx exported from Ultralytics weights at 640 px, 80 classes, with a pinned ultralytics', () => {
    assert.deepEqual(yolo11n.files.map((file) => file.path), ['yolo11n.onnx']);
    assert.match(yolo11n.url ?? '', /^https:\/\/github\.com\/ultralytics\/assets\/releases\/download\/.*\/yolo11n\.pt$/);
    assert.deepEqual([settings.imgsz, settings.classes], [640, 80]);
    assert.deepEqual(exportRequirements(settings), ['ultralytics==8.4.190', 'onnx==1.23.2', 'numpy<2']);
  });

  it('runs the exporter with the manifest imgsz and opset, into the given file', () => {
    const [script, ...rest] = exportArguments(settings, '/cache/yolo11n.pt', '/models/yolo11n.partial/yolo11n.onnx');
    assert.match(script ?? '', /scripts\/models\/ultralytics-export\.py$/);
    assert.deepEqual(rest, ['--weights', '/cache/yolo11n.pt', '--imgsz', '640', '--opset', String(settings.opset), '--out', '/models/yolo11n.partial/yolo11n.onnx']);
  });

  it("refuses an export whose classes, input size or output shape are not the manifest's, saying each", () => {
    // NudeNet's real Ultralytics export: 18 classes at 320 px, exported with dynamic shapes.
    const real = readFileSync(ultralyticsFixture().modelPath);
    assert.throws(() => checkExportLayout(real, settings), /^Error: the export has 18 class names in its metadata, not 80, an input of 320 px, not 640, an output whose shape is not fixed \(exported with dynamic=True\)$/);
    assert.throws(() => checkExportLayout(real, { ...settings, classes: 18, imgsz: 320 }), /^Error: the export has an output whose shape is not fixed/);
    const coco = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [i, `class${i}`]));
    const names = `{${Object.entries(coco).map(([i, name]) => `${i}: '${name}'`).join(', ')}}`;
    const fixed = onnxHeaderBytes({ metadata: { task: 'detect', names, imgsz: '[640, 640]' }, inputs: { images: [1, 3, 640, 640] }, outputs: { output0: [1, 84, 8400] } });
    assert.doesNotThrow(() => checkExportLayout(fixed, settings));
    const dynamic = onnxHeaderBytes({ metadata: { task: 'detect', names, imgsz: '[640, 640]' }, inputs: { images: ['batch', 3, 'height', 'width'] }, outputs: { output0: ['batch', 84, 'anchors'] } });
    assert.throws(() => checkExportLayout(dynamic, settings), /an output whose shape is not fixed/);
    const withNms = onnxHeaderBytes({ metadata: { task: 'detect', names }, inputs: { images: [1, 3, 640, 640] }, outputs: { output0: [1, 300, 6] } });
    assert.throws(() => checkExportLayout(withNms, settings), /its output is \[1, 300, 6\], expected \[1, 84, candidates\] for 80 classes/);
  });
});
