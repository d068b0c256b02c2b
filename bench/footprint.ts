// `npm run bench:footprint`: the memory of the embedded default at rest, its whole process tree
// (launcher, Node, the embedded PostgreSQL and its backends), for each way of starting it, in one run;
// then, compiled, with each model loaded (an item sent through the API to the consumer that needs
// it) and once the consumer released it (LIFESTREAM_MODEL_IDLE_S, shortened), beside the same
// launch's figure at rest.
// RSS counts memory shared between processes (PostgreSQL's shared buffers, libraries) once per
// process; PSS shares it out, so the PSS sum is what the tree costs the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { compile } from '../scripts/compile.ts';
import { chunksOf, makeSpeech, pcmChunkFields } from '../test/fixtures/speech.ts';
import { photo } from '../test/fixtures/photos.ts';
import { png } from '../test/fixtures/png.ts';
import { machineLine, positiveInteger } from './measure.ts';

interface Options {
  allocator: string;
  mallocConf: string;
  idleSeconds: number;
  /** False with --no-launches: only the model launches. */
  launches: string[] | false;
  /** False with --no-models: only the launches at rest. */
  models: string[] | false;
  modelIdleSeconds: number;
  modelsDir: string;
}

const adminToken = 'footprint-bench-admin-token-0123456789';

const compiledLaunch = 'node dist/api/main.js (npm run compile first)';

/** How a user may start the embedded default: the command, run from the repository root. */
const launchers: Readonly<Record<string, { command: string; args: string[] }>> = {
  'npm start': { command: 'npm', args: ['start', '--silent'] },
  [compiledLaunch]: { command: 'node', args: ['dist/api/main.js', '--all-consumers'] },
  // How npm start ran before it ran compiled JavaScript: the sources through tsx.
  'node --import tsx api/main.ts': { command: 'node', args: ['--import', 'tsx', 'api/main.ts', '--all-consumers'] },
};

/** Where Debian and Fedora install jemalloc's library (libjemalloc2, jemalloc). */
const jemallocCandidates = [`/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/libjemalloc.so.2`, '/usr/lib64/libjemalloc.so.2', '/usr/lib/libjemalloc.so.2'];

/** The glibc tunables npm start, npm run api and consumer run with (package.json), and the image (Dockerfile). */
function startTunables(): string {
  const tunables = /GLIBC_TUNABLES-([^}]+)\}/.exec(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))?.[1];
  if (!tunables) throw new Error("--allocator tuned: package.json's start script sets no GLIBC_TUNABLES default; run --allocator glibc");
  return tunables;
}

/** jemalloc's settings with --allocator jemalloc: a background thread gives freed pages back while the process is idle. */
const jemallocConf = 'background_thread:true';

/**
 * The C allocator of the launches: glibc's malloc with the tunables Lifestream starts with, with its
 * own defaults (an empty GLIBC_TUNABLES, which npm start keeps), or jemalloc preloaded.
 */
const allocators: Readonly<Record<string, (options: Options) => NodeJS.ProcessEnv>> = {
  tuned: () => ({ GLIBC_TUNABLES: startTunables() }),
  glibc: () => ({ GLIBC_TUNABLES: '' }),
  jemalloc: (options) => {
    const library = jemallocCandidates.find((path) => existsSync(path));
    if (!library) throw new Error(`--allocator jemalloc: no libjemalloc.so.2 in ${jemallocCandidates.join(', ')}; install it (Debian: apt-get install libjemalloc2) or run --allocator tuned`);
    return { LD_PRELOAD: library, MALLOC_CONF: options.mallocConf, GLIBC_TUNABLES: '' };
  },
};

/** The settings of either allocator a launch inherits, for the line that says what a run measured. */
const allocatorSettings = ['LD_PRELOAD', 'MALLOC_CONF', 'GLIBC_TUNABLES', 'MALLOC_ARENA_MAX', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_'];

interface ProcessMemory {
  pid: number;
  command: string;
  rssKb: number;
  pssKb: number;
  /** Whether libjemalloc is mapped into the process: the allocator it runs with. */
  jemalloc: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

function treeOf(roots: number[]): number[] {
  const children = childrenOf();
  const all: number[] = [];
  const pending = [...roots];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    all.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return all;
}

function memoryOf(pid: number): ProcessMemory | undefined {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 90);
    const jemalloc = readFileSync(`/proc/${pid}/maps`, 'utf8').includes('/libjemalloc.so');
    return { pid, command, rssKb: kb('Rss'), pssKb: kb('Pss'), jemalloc };
  } catch {
    return undefined;
  }
}

/** The embedded PostgreSQL's postmaster: pg_ctl starts it detached, outside the launcher's tree. */
function postmasterOf(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postgres', 'cluster', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
}

async function healthy(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the launcher exited with ${child.exitCode} before it answered`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error('no answer on /healthz within 180 s');
}

interface Launched {
  port: number;
  /** The memory of each process of the tree now. */
  memory(): ProcessMemory[];
  stop(): Promise<void>;
}

async function launch(name: string, allocatorEnv: NodeJS.ProcessEnv, extraEnv: NodeJS.ProcessEnv = {}): Promise<Launched> {
  const launcher = launchers[name]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-footprint-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LIFESTREAM_DATA_DIR: dataDir, PORT: String(port), LIFESTREAM_ADMIN_TOKEN: adminToken, ...allocatorEnv, ...extraEnv };
  for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'TRINO_URL']) delete env[key];
  const child = spawn(launcher.command, launcher.args, { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = async () => {
    // The launcher's group: npm, node and what they started (SIGTERM lets the API stop its PostgreSQL).
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    await sleep(1000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await healthy(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const memory = () => {
    const postmaster = postmasterOf(dataDir);
    return treeOf([child.pid!, ...(postmaster ? [postmaster] : [])]).flatMap((pid) => memoryOf(pid) ?? []);
  };
  return { port, memory, stop };
}

async function measure(name: string, idleSeconds: number, allocatorEnv: NodeJS.ProcessEnv): Promise<ProcessMemory[]> {
  const launched = await launch(name, allocatorEnv);
  try {
    await sleep(idleSeconds * 1000);
    return launched.memory();
  } finally {
    await launched.stop();
  }
}

async function graphql<T>(port: number, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: T; errors?: unknown[] };
  if (result.errors || !result.data) throw new Error(`GraphQL: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const day = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };

/** Waits until the device has an event of the kind on the timeline: the consumer has run its model. */
async function stored(port: number, device: string, kind: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  const query = `query($d: [ID!]) { timeline(from: "${day.from}", to: "${day.to}", deviceIds: $d, kinds: [${kind}]) { edges { node { id } } } }`;
  while (Date.now() < deadline) {
    const found = await graphql<{ timeline: { edges: unknown[] } }>(port, query, { d: [device] });
    if (found.timeline.edges.length > 0) return;
    await sleep(500);
  }
  throw new Error(`no ${kind} of ${device} within 10 minutes`);
}

/** Sentences between silences, as a microphone uploads them, in one-second chunks, the last one marked. */
async function sendSpeech(port: number, device: string): Promise<void> {
  const speech = makeSpeech([{ silence: 1 }, { say: 'Remember to buy oat milk.' }, { silence: 1.5 }, { say: 'And call the dentist tomorrow.' }, { silence: 1.5 }]);
  const chunks = chunksOf(speech.pcm, 1000);
  const events = chunks.map((bytes, seq) => ({
    deviceId: device,
    time: new Date(Date.parse(day.from) + seq * 1000).toISOString(),
    ...pcmChunkFields(`${device}-rec`, seq, bytes),
    audio: { base64: bytes.toString('base64'), mimeType: 'audio/pcm' },
    isLast: seq === chunks.length - 1,
  }));
  await graphql(port, `mutation($e: [AudioChunkInput!]!) { ingestAudioChunk(events: $e) { acceptedCount } }`, { e: events });
}

/** What each model step sends, the kind its result is stored as, and the settings of its launch. */
interface ModelStep {
  label: string;
  env(options: Options, emptyModelsDir: string): NodeJS.ProcessEnv;
  send(port: number, device: string): Promise<void>;
  resultKind: string;
}

const modelSteps: Readonly<Record<string, ModelStep>> = {
  vad: {
    label: 'the VAD (Silero, onnxruntime-node) after a recording',
    // No speech model: the transcription consumer does not start, so only the VAD runs.
    env: (_options, emptyModelsDir) => ({ MODELS_DIR: emptyModelsDir }),
    send: sendSpeech,
    resultKind: 'SPEECH_SEGMENT',
  },
  speech: {
    label: 'the VAD and speech-to-text (sherpa-onnx) after a recording',
    env: (options) => ({ MODELS_DIR: options.modelsDir }),
    send: sendSpeech,
    resultKind: 'TRANSCRIPT_SEGMENT',
  },
  image: {
    label: "the images consumer's worker (OCR, objects, faces) after a photo",
    env: () => ({}),
    send: async (port, device) => {
      const image = { base64: photo('astronaut').toString('base64'), mimeType: 'image/png' };
      await graphql(port, `mutation($e: [CameraPhotoInput!]!) { ingestCameraPhoto(events: $e) { acceptedCount } }`, {
        e: [{ deviceId: device, time: '2026-06-01T10:00:00Z', camera: 'REAR', widthPx: 512, heightPx: 512, image }],
      });
    },
    resultKind: 'IMAGE_ANALYSIS',
  },
  screen: {
    label: "the screen consumer's worker (OCR, objects, flow) after a keyframe",
    env: () => ({}),
    send: async (port, device) => {
      const frame = png(1280, 720, (x, y) => [(x * 7) % 256, (y * 3) % 256, 90]);
      await graphql(port, `mutation($e: [ScreenKeyframeInput!]!) { ingestScreenKeyframe(events: $e) { acceptedCount } }`, {
        e: [{ deviceId: device, time: '2026-06-01T10:00:00Z', sessionId: 'bench', frameIndex: 0, widthPx: 1280, heightPx: 720, image: { base64: frame.toString('base64'), mimeType: 'image/png' }, isLast: true }],
      });
    },
    resultKind: 'OBJECT_DETECTIONS',
  },
};

interface StepMemory {
  atRest: ProcessMemory[];
  loaded: ProcessMemory[];
  released: ProcessMemory[];
}

/** One compiled launch per model: at rest, with the model loaded, and after the consumer released it. */
async function measureModel(step: ModelStep, options: Options, allocatorEnv: NodeJS.ProcessEnv, emptyModelsDir: string): Promise<StepMemory> {
  const launched = await launch(compiledLaunch, allocatorEnv, { LIFESTREAM_MODEL_IDLE_S: String(options.modelIdleSeconds), ...step.env(options, emptyModelsDir) });
  try {
    await sleep(options.idleSeconds * 1000);
    const atRest = launched.memory();
    const device = `footprint-${Date.now()}`;
    await step.send(launched.port, device);
    await stored(launched.port, device, step.resultKind);
    await sleep(2000);
    const loaded = launched.memory();
    // The idle timeout, then as long again for the freed memory to leave the process.
    await sleep(options.modelIdleSeconds * 2000);
    return { atRest, loaded, released: launched.memory() };
  } finally {
    await launched.stop();
  }
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

/** Which allocator the launches ran with, its settings, and in how many processes jemalloc was found mapped. */
function allocatorLine(allocator: string, allocatorEnv: NodeJS.ProcessEnv, measured: ProcessMemory[]): string {
  const env = { ...process.env, ...allocatorEnv };
  const settings = allocatorSettings.flatMap((name) => (env[name] ? [`${name}=${env[name]}`] : []));
  const mapped = measured.filter((p) => p.jemalloc).length;
  return `allocator: ${allocator} (${settings.join(' ') || 'no malloc settings'}); jemalloc mapped in ${mapped} of ${measured.length} processes measured`;
}

const sums = (processes: ProcessMemory[]) => {
  const node = processes.filter((p) => !p.command.startsWith('postgres'));
  return {
    rss: mb(processes.reduce((n, p) => n + p.rssKb, 0)),
    pss: mb(processes.reduce((n, p) => n + p.pssKb, 0)),
    nodeRss: mb(node.reduce((n, p) => n + p.rssKb, 0)),
    nodePss: mb(node.reduce((n, p) => n + p.pssKb, 0)),
  };
};

async function main(): Promise<void> {
  const options = new Command('bench:footprint')
    .description('Measures the memory of the embedded default, whole process tree, at rest for each way of starting it, then compiled with each model loaded and released.')
    .option('--idle-seconds <n>', 'how long to wait at rest after /healthz answers', positiveInteger, 15)
    .option('--launches <names...>', `ways of starting it: ${Object.keys(launchers).join(', ')}`, ['node --import tsx api/main.ts', 'npm start', compiledLaunch])
    .option('--no-launches', 'no launches at rest, only the model launches')
    .option('--models <steps...>', `models to load, each in a compiled launch of its own: ${Object.keys(modelSteps).join(', ')} `, Object.keys(modelSteps))
    .option('--no-models', 'no model launches, only the launches at rest')
    .option('--model-idle-seconds <n>', 'LIFESTREAM_MODEL_IDLE_S for the model launches', positiveInteger, 20)
    .option('--models-dir <dir>', 'MODELS_DIR holding a speech model (whisper-base), for the speech step', 'models')
    .option('--allocator <name>', `C allocator of the launches: ${Object.keys(allocators).join(', ')}`, 'tuned')
    .option('--malloc-conf <conf>', 'MALLOC_CONF with --allocator jemalloc', jemallocConf)
    .parse()
    .opts<Options>();
  const launches = options.launches || [];
  const unknown = launches.filter((name) => !launchers[name]);
  if (unknown.length > 0) throw new Error(`unknown --launches ${unknown.join(', ')}: choose among ${Object.keys(launchers).join(', ')}`);
  const models = options.models || [];
  const unknownSteps = models.filter((name) => !modelSteps[name]);
  if (unknownSteps.length > 0) throw new Error(`unknown --models ${unknownSteps.join(', ')}: choose among ${Object.keys(modelSteps).join(', ')}`);
  const allocatorEnvOf = allocators[options.allocator];
  if (!allocatorEnvOf) throw new Error(`unknown --allocator ${options.allocator}: choose among ${Object.keys(allocators).join(', ')}`);
  const allocatorEnv = allocatorEnvOf(options);
  const measured: ProcessMemory[] = [];

  // What npm start does first, for the launches that run the compiled entry directly.
  await compile();
  const rows: string[] = [];
  const details: string[] = [];
  for (const name of launches) {
    const processes = await measure(name, options.idleSeconds, allocatorEnv);
    measured.push(...processes);
    const postgres = processes.filter((p) => p.command.startsWith('postgres'));
    const all = sums(processes);
    rows.push(`| ${name} | ${processes.length} | ${all.rss} | ${all.pss} | ${all.nodePss} | ${sums(postgres).pss} |`);
    details.push(`${name}:`, ...processes.map((p) => `  ${mb(p.rssKb).padStart(5)} MB RSS ${mb(p.pssKb).padStart(5)} MB PSS  ${p.command}`));
  }
  if (rows.length > 0) {
    console.log(['| launch | processes | RSS sum MB | PSS sum MB | of which launcher and Node, PSS MB | of which PostgreSQL, PSS MB |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n'));
    console.log();
    console.log(details.join('\n'));
    console.log(`idle ${options.idleSeconds} s after /healthz answered, no model loaded; ${machineLine()}`);
  }

  if (models.length === 0) {
    console.log(allocatorLine(options.allocator, allocatorEnv, measured));
    return;
  }
  const emptyModelsDir = mkdtempSync(join(tmpdir(), 'bench-footprint-no-models-'));
  const modelRows: string[] = [];
  try {
    for (const name of models) {
      const step = modelSteps[name]!;
      const memory = await measureModel(step, options, allocatorEnv, emptyModelsDir);
      measured.push(...memory.loaded);
      for (const [state, processes] of [['at rest', memory.atRest], [`with ${step.label}`, memory.loaded], ['released when idle', memory.released]] as const) {
        const all = sums(processes);
        modelRows.push(`| ${name} | ${state} | ${processes.length} | ${all.rss} | ${all.pss} | ${all.nodeRss} | ${all.nodePss} |`);
      }
    }
  } finally {
    rmSync(emptyModelsDir, { recursive: true, force: true });
  }
  console.log();
  console.log(['| model | `node dist/api/main.js --all-consumers` | processes | RSS sum MB | PSS sum MB | Node alone, RSS MB | Node alone, PSS MB |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |', ...modelRows].join('\n'));
  console.log(`one launch per model; LIFESTREAM_MODEL_IDLE_S=${options.modelIdleSeconds}, measured ${options.modelIdleSeconds * 2} s after the result was stored; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}; ${machineLine()}`);
  console.log(allocatorLine(options.allocator, allocatorEnv, measured));
}

await main();
