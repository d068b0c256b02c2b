// The compiled start (scripts/compile.ts) and the image that uses it: the entry points and every worker
// thread's module run on plain Node, with no TypeScript loader in the process or its workers.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import type { ModelSettings } from '../consumers/images/analyze-image.ts';
import { defaultObjectSuppression } from '../consumers/images/centernet-detector.ts';
import type { FrameWorkerSettings } from '../consumers/screen/frame-worker.ts';
import { compile, distDir, entryPoints, workerEntryPoints } from './compile.ts';

const run = promisify(execFile);
/** Docker's own matching of .dockerignore. Its types declare an ES default export, but it is CommonJS: module.exports is the factory. */
const dockerignore: typeof import('@balena/dockerignore').default = createRequire(import.meta.url)('@balena/dockerignore');
const root = new URL('..', import.meta.url).pathname;

/** Node with no loader (not the test runner's `--import tsx`): what the image and `npm start` run. */
const plainNode = (args: string[]) => run(process.execPath, args, { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } });

const modelSettings: ModelSettings = { threads: 1, maxFaces: 1, objectSuppression: defaultObjectSuppression };
const frameWorkerSettings: FrameWorkerSettings = { models: modelSettings, detector: { kind: 'centernet' } };
/** What each worker module is started with, as its pool starts it. */
const workerDataOf: Record<keyof typeof workerEntryPoints, unknown> = {
  'consumers/images/analysis-worker': modelSettings,
  // No model in that folder: the job is answered with the error of loading it.
  'consumers/audio/speech-worker': { model: { name: 'whisper-base', layout: 'whisper', dir: '/nonexistent', files: [] }, language: 'en', provider: 'cpu' },
  // The job has no samples: answered with the error of hearing them, once the model loaded.
  'consumers/audio/vad-worker': null,
  'consumers/screen/frame-worker': frameWorkerSettings,
  'consumers/urls/pdf-worker': null,
};

/** Starts the compiled worker module in a worker of a plain Node process, sends it one job, prints the reply's `ok`. */
const oneJobScript = (bundle: string, workerData: unknown) => `
import { Worker } from 'node:worker_threads';
const worker = new Worker(new URL(${JSON.stringify(pathToFileURL(bundle).href)}), { workerData: ${JSON.stringify(workerData)}, execArgv: [] });
worker.on('error', (e) => { console.error('worker failed: ' + e.message); process.exit(1); });
worker.on('message', (reply) => { console.log('reply ok=' + reply.ok); process.exit(0); });
worker.postMessage({ id: 0, job: { bytes: new Uint8Array([1, 2, 3]), maxPages: 1, label: 'compile test', decode: {}, stages: {} } });
`;

describe('compiled start', () => {
  before(() => compile());

  it('runs each entry point on plain Node', async () => {
    for (const out of Object.keys(entryPoints)) {
      const { stdout } = await plainNode([join(distDir, `${out}.js`), '--help']);
      assert.match(stdout, /Usage:/, `${out}.js --help`);
    }
  });

  it('runs each worker thread module compiled, answering a job on plain Node', async () => {
    for (const [out, workerData] of Object.entries(workerDataOf)) {
      const { stdout } = await plainNode(['--input-type=module', '-e', oneJobScript(join(distDir, `${out}.js`), workerData)]);
      assert.match(stdout, /^reply ok=(true|false)$/m, `${out}.js answers`);
    }
  });
});

describe('the image (Dockerfile)', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;
  const instruction = (name: string) => {
    const line = runtime.match(new RegExp(`^${name} (.*)$`, 'm'))?.[1];
    assert.ok(line, `the runtime stage has ${name}`);
    return JSON.parse(line) as string[];
  };

  it('runs the compiled API with plain Node, the image builds dist/ with scripts/compile.ts', () => {
    const command = [...instruction('ENTRYPOINT'), ...instruction('CMD')];
    assert.deepEqual(command, ['node', 'dist/api/main.js']);
    assert.match(runtime, /^COPY --from=build \/app\/dist dist$/m, 'the runtime stage takes dist/ from the build stage');
    assert.match(stages[0]!, /^RUN node --import tsx scripts\/compile\.ts$/m, 'the build stage compiles');
    assert.doesNotMatch(runtime, /tsx/, 'no TypeScript loader in the runtime stage');
  });

  it('sends the build every source it compiles and the runtime the model manifest, not the weights', () => {
    const ignored = dockerignore().add(readFileSync(join(root, '.dockerignore'), 'utf8').split('\n'));
    const sources = execFileSync('git', ['ls-files', 'api', 'consumers', 'db', 'schema', 'models/*.ts', 'models/manifest.json', 'scripts'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(sources.includes('models/manifest.ts') && sources.includes('models/manifest.json'));
    assert.deepEqual(sources.filter((path) => ignored.ignores(path)), [], 'tracked sources the image build would not see');
    assert.ok(ignored.ignores('models/whisper-base/encoder.int8.onnx'), 'weights stay out of the image');
  });

  it("runs glibc's malloc with the tunables npm start runs it with, which give a released model's memory back", () => {
    const packageJson = readFileSync(join(root, 'package.json'), 'utf8');
    const tunables = runtime.match(/^ENV GLIBC_TUNABLES=(\S+)$/m)?.[1];
    assert.ok(tunables, 'the runtime stage sets GLIBC_TUNABLES');
    assert.match(tunables, /glibc\.malloc\.mmap_threshold=\d+/, 'a fixed mmap threshold: large blocks are unmapped when freed');
    for (const script of ['start', 'api', 'consumer']) {
      const line = packageJson.match(new RegExp(`^\\s*"${script}": "(.*)",$`, 'm'))?.[1];
      assert.ok(line?.includes(`GLIBC_TUNABLES=\${GLIBC_TUNABLES-${tunables}} exec node`), `npm run ${script} sets the image's tunables unless GLIBC_TUNABLES is set`);
    }
  });
});
