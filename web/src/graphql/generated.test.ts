import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.ts';

const root = join(import.meta.dirname, '../../..');

describe('generated GraphQL types', () => {
  it('web/src/graphql/generated is what codegen makes of the schema and documents now (run `npm run codegen:web`)', async () => {
    process.chdir(root);
    const outputs = await generate({ ...config, silent: true }, false);
    assert.ok(outputs.length >= 3);
    for (const { filename, content } of outputs) {
      assert.equal(readFileSync(join(root, filename), 'utf8'), content, `${filename} is stale: run \`npm run codegen:web\``);
    }
  });
});
