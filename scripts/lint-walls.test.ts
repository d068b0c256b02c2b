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

describe('the lint wall between the running system and scripts/', () => {
  const runtimeWall = /the running system does not import scripts\//;

  it('refuses api/, consumers/, db/, schema/, web/ and models/ importing scripts/', async () => {
    for (const path of ['api/example.ts', 'consumers/screen/example.ts', 'db/example.ts', 'schema/example.ts', 'web/example.ts', 'models/example.ts']) {
      const depth = path.split('/').length - 1;
      const source = `import { pullModel } from '${'../'.repeat(depth)}scripts/models/pull.ts';\nconsole.log(pullModel);\n`;
      const messages = await wallMessages(path, source);
      assert.equal(messages.length, 1, path);
      assert.match(messages[0] ?? '', runtimeWall, path);
    }
  });

  it('lets the entry points start through the composition root, and nothing else of scripts/', async () => {
    const root = "import { runProgram } from '../scripts/lifestream-process.ts';\nimport { runCommandLine } from '../scripts/command-line.ts';\nconsole.log(runProgram, runCommandLine);\n";
    for (const path of ['api/main.ts', 'api/cli.ts', 'consumers/main.ts']) assert.deepEqual(await wallMessages(path, root), [], path);
    const messages = await wallMessages('api/main.ts', "import { stackDir } from '../scripts/stack/settings.ts';\nconsole.log(stackDir);\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', runtimeWall);
    assert.equal((await wallMessages('consumers/main.ts', "import { consumerNames } from '../api/cli.ts';\nconsole.log(consumerNames);\n")).length, 1, 'the walls between folders hold for the entry points');
  });

  it('lets tests build models with scripts/, the walls between folders still holding', async () => {
    assert.deepEqual(await wallMessages('consumers/audio/example.test.ts', "import { buildTinyNemoTdt } from '../../scripts/models/tiny-nemo-tdt.ts';\nconsole.log(buildTinyNemoTdt);\n"), []);
    assert.equal((await wallMessages('consumers/example.test.ts', "import { schema } from '../api/graphql/schema.ts';\nconsole.log(schema);\n")).length, 1);
  });
});
