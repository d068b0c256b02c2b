import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onnxHeaderBytes } from '../../test/fixtures/onnx-header.ts';
import { readOnnxModelInfo } from './onnx-model-info.ts';

describe('ONNX model info', () => {
  it('reads the metadata and the shapes of the inputs and outputs, fixed and symbolic', () => {
    const bytes = onnxHeaderBytes({
      metadata: { task: 'detect', names: "{0: 'person', 1: 'bicycle'}", imgsz: '[640, 640]' },
      inputs: { images: [1, 3, 640, 640] },
      outputs: { output0: ['batch', 6, 8400] },
    });
    assert.deepEqual(readOnnxModelInfo(bytes), {
      metadata: { task: 'detect', names: "{0: 'person', 1: 'bicycle'}", imgsz: '[640, 640]' },
      inputs: [{ name: 'images', shape: [1, 3, 640, 640] }],
      outputs: [{ name: 'output0', shape: ['batch', 6, 8400] }],
    });
  });

  it('refuses bytes that are not an ONNX model, or are cut short', () => {
    assert.throws(() => readOnnxModelInfo(new TextEncoder().encode('{"not": "onnx"}')), /not an ONNX model/);
    const whole = onnxHeaderBytes({ inputs: { images: [1, 3, 64, 64] }, outputs: { output0: [1, 5, 84] } });
    assert.throws(() => readOnnxModelInfo(whole.subarray(0, whole.length - 3)), /cut short/);
  });
});
