import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

/** The messages of the walls' rule for a file at path that holds source. */
async function wallMessages(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the lint walls between api/, consumers/, db/ and schema/', () => {
  it('refuses api/ importing consumers/', async () => {
    const messages = await wallMessages('api/graphql/example.ts', "import { consumerNames } from '../../consumers/registry.ts';\nconsole.log(consumerNames);\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /api\/ does not import consumers\//);
  });

  it('refuses consumers/ importing api/, types included', async () => {
    const messages = await wallMessages('consumers/example.ts', "import type { Services } from '../api/graphql/context.ts';\nexport type S = Services;\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /consumers\/ does not import api\//);
  });

  it('refuses db/ and schema/ importing either', async () => {
    assert.equal((await wallMessages('db/example.ts', "import { schema } from '../api/graphql/schema.ts';\nconsole.log(schema);\n")).length, 1);
    assert.equal((await wallMessages('schema/example.ts', "import { persistence } from '../consumers/persistence.ts';\nconsole.log(persistence);\n")).length, 1);
  });

  it('lets both stand on db/ and schema/, and the composition root know both', async () => {
    assert.deepEqual(await wallMessages('api/example.ts', "import { openBus } from '../db/open-services.ts';\nimport { catalogue } from '../schema/catalogue.ts';\nconsole.log(openBus, catalogue);\n"), []);
    assert.deepEqual(await wallMessages('consumers/example.ts', "import { storedEventsChannel } from '../db/cache/channels.ts';\nconsole.log(storedEventsChannel);\n"), []);
    assert.deepEqual(await wallMessages('scripts/example.ts', "import { createLifestreamServer } from '../api/server.ts';\nimport { consumerNames } from '../consumers/registry.ts';\nconsole.log(createLifestreamServer, consumerNames);\n"), []);
  });
});
