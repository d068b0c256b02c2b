import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../schema/config.ts';
import { speechSegment, transcriptSegment } from '../schema/kinds/processed.ts';
import { transcription } from './audio/transcription.ts';
import { ConsumerUnavailable } from './consumer.ts';
import { checkPipelines, consumersToStart, PipelineError, pipelineProblems } from './pipelines.ts';
import { notYetBuilt, registeredConsumers } from './registry.ts';

const withoutModels = loadConfig({ MODELS_DIR: mkdtempSync(join(tmpdir(), 'lifestream-no-models-')) });
const named = (name: string) => registeredConsumers.find((consumer) => consumer.name === name)!;

describe('pipelines checked at start', () => {
  it('finds a producer for every processed kind among the registered consumers, or a mark that it is not built yet', () => {
    assert.deepEqual(pipelineProblems(registeredConsumers, notYetBuilt), []);
  });

  it('refuses a catalogue whose processed kind nothing produces, naming the kind and the fix', () => {
    const withoutVad = registeredConsumers.filter((consumer) => consumer.name !== 'vad');
    assert.throws(() => checkPipelines(withoutVad, notYetBuilt), (error: Error) => {
      assert.ok(error instanceof PipelineError);
      assert.match(error.message, /processed kind speechSegment \(media\.audio\.vad_filtered\) has no consumer that emits it: register one that lists it in its emits in consumers\/registry\.ts, or mark it there as not yet built/);
      return true;
    });
  });

  it('refuses a kind marked as not built yet that a consumer emits, and two consumers of one name', () => {
    const problems = pipelineProblems([...registeredConsumers, named('vad')], [...notYetBuilt, transcriptSegment]);
    assert.deepEqual(problems, [
      'two consumers are named vad: rename one (the name is its consumer group and its Deployment)',
      'processed kind transcriptSegment is marked as not yet built, but transcription emits it: remove it from notYetBuilt in consumers/registry.ts',
    ]);
  });

  it('names what a catalogue kind added without a pipeline needs', () => {
    const problems = pipelineProblems(registeredConsumers.filter((consumer) => consumer.name !== 'images'), notYetBuilt);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^processed kind imageAnalysis/);
  });
});

describe('consumers to start', () => {
  const registry = { registered: registeredConsumers, notYetBuilt };

  it('refuses to start a consumer named alone whose model is missing, saying how to install it', () => {
    assert.equal(transcription.reads[0], speechSegment);
    assert.throws(() => consumersToStart(['persistence', 'transcription'], registry, withoutModels), (error: Error) => {
      assert.ok(error instanceof ConsumerUnavailable);
      assert.match(error.message, /^consumer transcription cannot run here: no speech-to-text model in .*: run `npm run models -- pull parakeet-tdt-0\.6b-v2`/);
      return true;
    });
  });

  it('leaves it out of every consumer started together, with the same fix', () => {
    const { start, leftOut } = consumersToStart(['persistence', 'vad', 'transcription'], registry, withoutModels, { skipUnavailable: true });
    assert.deepEqual(start.map((consumer) => consumer.name), ['persistence', 'vad']);
    assert.match(leftOut[0]!, /^consumer transcription not started: no speech-to-text model in /);
  });

  it('refuses an unknown name, listing the known ones', () => {
    assert.throws(() => consumersToStart(['ocr'], registry, withoutModels), /unknown consumer "ocr"; known: persistence, vad, transcription/);
  });
});
