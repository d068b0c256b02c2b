// Where speech recognition runs: the GPU when one is there, unless told otherwise; and a recognizer
// asked for CUDA on a library built without it (the npm one) still recognizes, on the CPU.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { makeSpeech } from '../../test/fixtures/speech.ts';
import { pcm16ToFloat } from './pcm.ts';
import { installedSpeechModel, loadSherpaRecognizer, missingSpeechModel, speechProvider } from './sherpa-recognizer.ts';

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
