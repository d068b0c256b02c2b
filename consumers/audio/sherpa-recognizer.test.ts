// Where speech recognition runs: the GPU when one is there, unless told otherwise; a recognizer
// asked for CUDA on a library built without it (the npm one) still recognizes, on the CPU; and the
// files a speech model is found and loaded by are models/manifest.json's, by their roles.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { findModel, loadManifest } from '../../models/manifest.ts';
import { editedManifest } from '../../test/edited-manifest.ts';
import { makeSpeech } from '../../test/fixtures/speech.ts';
import { pcm16ToFloat } from './pcm.ts';
import { installedSpeechModel, loadSherpaRecognizer, missingSpeechModel, recognizerConfig, speechModel, speechProvider } from './sherpa-recognizer.ts';

describe('speech recognition provider', () => {
  it('auto takes CUDA when a GPU is present and the CPU otherwise; cpu and cuda are taken as said', () => {
    assert.equal(speechProvider('auto', true), 'cuda');
    assert.equal(speechProvider('auto', false), 'cpu');
    assert.equal(speechProvider('cpu', true), 'cpu');
    assert.equal(speechProvider('cuda', false), 'cuda');
  });

  it('recognizes speech when asked for CUDA on a library without GPU support, falling back to the CPU', async () => {
    const modelsDir = resolve(process.env.MODELS_DIR ?? 'models');
    const model = installedSpeechModel(modelsDir);
    assert.ok(model, missingSpeechModel(modelsDir));
    const recognizer = await loadSherpaRecognizer(model, 'en', 'cuda');
    const speech = makeSpeech([{ silence: 0.3 }, { say: 'Good morning, this is a test.' }, { silence: 0.3 }]);
    const result = await recognizer.recognize(pcm16ToFloat(speech.pcm, 1));
    assert.match(result.text.toLowerCase(), /morning|test/);
  });
});

describe('speech model files from models/manifest.json', () => {
  const root = mkdtempSync(join(tmpdir(), 'lifestream-speech-manifest-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it("loads Parakeet's and Whisper's files as the roles the manifest gives them", () => {
    const parakeet = recognizerConfig(speechModel(findModel('parakeet-tdt-0.6b-v2'), '/m/p'), 'en', 'cpu', 1).modelConfig;
    assert.deepEqual(parakeet.transducer, { encoder: '/m/p/encoder.int8.onnx', decoder: '/m/p/decoder.int8.onnx', joiner: '/m/p/joiner.int8.onnx' });
    assert.equal(parakeet.tokens, '/m/p/tokens.txt');
    assert.equal(parakeet.modelType, 'nemo_transducer');
    const whisper = recognizerConfig(speechModel(findModel('whisper-base'), '/m/w'), 'de', 'cpu', 1).modelConfig;
    assert.deepEqual(whisper.whisper, { encoder: '/m/w/encoder.int8.onnx', decoder: '/m/w/decoder.int8.onnx', language: 'de', task: 'transcribe', enableTokenTimestamps: 1 });
    assert.equal(whisper.tokens, '/m/w/tokens.txt');
  });

  it('follows a file renamed in the manifest: found installed under its new name only, and loaded by it', () => {
    const manifest = loadManifest(
      editedManifest(root, 'renamed', (models) => {
        const encoder = models.find((m) => m.name === 'whisper-base')!.files.find((f) => f.role === 'encoder')!;
        encoder.path = 'encoder.fp32.onnx';
      }),
    );
    const modelsDir = join(root, 'renamed-models');
    mkdirSync(join(modelsDir, 'whisper-base'), { recursive: true });
    for (const file of ['encoder.int8.onnx', 'decoder.int8.onnx', 'tokens.txt']) writeFileSync(join(modelsDir, 'whisper-base', file), '');
    assert.equal(installedSpeechModel(modelsDir, manifest), undefined, 'the old encoder name is not the model');
    writeFileSync(join(modelsDir, 'whisper-base', 'encoder.fp32.onnx'), '');
    const model = installedSpeechModel(modelsDir, manifest);
    assert.equal(model?.name, 'whisper-base');
    assert.equal(recognizerConfig(model, 'en', 'cpu', 1).modelConfig.whisper?.encoder, join(modelsDir, 'whisper-base', 'encoder.fp32.onnx'));
  });

  it('refuses a manifest whose speech model lacks a file its layout loads, or gives a role it does not load', () => {
    const withoutJoiner = editedManifest(root, 'without-joiner', (models) => {
      const parakeet = models.find((m) => m.name === 'parakeet-tdt-0.6b-v2')!;
      parakeet.files = parakeet.files.filter((f) => f.role !== 'joiner');
    });
    assert.throws(() => loadManifest(withoutJoiner), /parakeet-tdt-0\.6b-v2 \(speechLayout nemo-transducer\) needs one file with "role": "joiner", has 0/);
    const joinerForWhisper = editedManifest(root, 'joiner-for-whisper', (models) => {
      models.find((m) => m.name === 'whisper-base')!.files.push({ path: 'joiner.int8.onnx', role: 'joiner', sha256: null });
    });
    assert.throws(() => loadManifest(joinerForWhisper), /whisper-base: joiner\.int8\.onnx has "role": "joiner", but its speechLayout whisper loads encoder, decoder, tokens/);
    const roleWithoutLayout = editedManifest(root, 'role-without-layout', (models) => {
      models.find((m) => m.name === 'yolo11n')!.files[0]!.role = 'encoder';
    });
    assert.throws(() => loadManifest(roleWithoutLayout), /yolo11n: yolo11n\.onnx has "role": "encoder", but only a model with a speechLayout or a moondreamLayout has roles/);
  });

  it('says which model of the manifest is no speech model', () => {
    assert.throws(() => speechModel(findModel('yolo11n'), '/m/y'), /yolo11n is not a speech model: models\/manifest.json gives it no speechLayout/);
  });
});
