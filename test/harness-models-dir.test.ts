// The models folder of the harness's Lifestream: MODELS_DIR from the environment when it is set, as
// the app reads it, else ./models.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../schema/config.ts';
import { modelsDirSetting } from './harness.ts';

const modelsDirOf = (environment: NodeJS.ProcessEnv) => loadConfig(modelsDirSetting(environment)).MODELS_DIR;

describe("the harness's models folder", () => {
  it('is MODELS_DIR when the environment sets it, relative to the working directory as the app reads it', () => {
    assert.equal(modelsDirOf({ MODELS_DIR: '/srv/lifestream/models' }), '/srv/lifestream/models');
    assert.equal(modelsDirOf({ MODELS_DIR: '../main/models' }), resolve('../main/models'));
  });

  it('is ./models when MODELS_DIR is unset or empty', () => {
    assert.equal(modelsDirOf({}), resolve('./models'));
    assert.equal(modelsDirOf({ MODELS_DIR: '' }), resolve('./models'));
  });
});
