// The compiled embedded start (plain Node running dist/, as `npm start` does) imports the speech
// packages only when audio first comes: onnxruntime-node (the VAD), libsamplerate's WebAssembly
// (48 kHz to 16 kHz) and sherpa-onnx-node (speech-to-text) are not in the process at rest, and then
// each loads and works, their exports taken as plain Node gives them (the other suites run them
// under tsx, which gives them otherwise).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { distDir, compile } from '../scripts/compile.ts';
import { encodeSpeech, makeSpeech } from './fixtures/speech.ts';
import { eventually, uniqueDevice } from './harness.ts';
import { freePort, killLeftoverProcesses, startCompiledProcess } from './processes.ts';

const modelsDir = resolve(process.env.MODELS_DIR ?? 'models');

/** The native libraries and WebAssembly the process has mapped, by the packages that bring them. */
function speechPackagesMapped(pid: number): string[] {
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
  return ['onnxruntime-node', 'sherpa-onnx'].filter((name) => maps.includes(`/node_modules/${name}`));
}

describe('speech packages on first use, compiled', () => {
  let dataDir: string;
  let url: string;
  let pid: number;
  let stop: () => Promise<void>;
  const adminToken = `first-use-admin-${uniqueDevice('token')}-0123456789`;
  const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> =>
    (await (
      await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ query, variables }) })
    ).json()) as { data?: T; errors?: unknown[] };

  before(async () => {
    await compile();
    dataDir = mkdtempSync(join(tmpdir(), 'lifestream-first-use-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const lifestream = startCompiledProcess(join(distDir, 'api/main.js'), ['--all-consumers'], { LIFESTREAM_DATA_DIR: dataDir, PORT: String(port), LIFESTREAM_ADMIN_TOKEN: adminToken, MODELS_DIR: modelsDir });
    pid = lifestream.pid!;
    stop = async () => {
      lifestream.kill('SIGTERM');
      await once(lifestream, 'exit');
    };
    await eventually(async () => ((await fetch(`${url}/readyz`).catch(() => undefined))?.ok ? true : undefined), 'the compiled Lifestream ready');
  });
  after(async () => {
    await stop?.();
    await killLeftoverProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has none of them loaded at rest, then hears and transcribes a 48 kHz stereo WAV recording with them', async () => {
    assert.deepEqual(speechPackagesMapped(pid), [], 'no speech package in the process at rest');
    const device = uniqueDevice('mic');
    const wav = encodeSpeech(makeSpeech([{ silence: 1 }, { say: 'Remember to buy oat milk.' }, { silence: 1.5 }]).pcm, 'WAV');
    const sent = await graphql<{ ingestAudioChunk: { acceptedCount: number } }>(`mutation($e: [AudioChunkInput!]!) { ingestAudioChunk(events: $e) { acceptedCount } }`, {
      e: [
        {
          deviceId: device,
          time: '2026-06-01T09:00:00Z',
          fileId: `${device}-rec`,
          seq: 0,
          encoding: 'WAV',
          sampleRateHz: 48_000,
          channels: 2,
          durationMs: 3500,
          audio: { base64: wav.toString('base64'), mimeType: 'audio/wav' },
          isLast: true,
        },
      ],
    });
    assert.equal(sent.data?.ingestAudioChunk.acceptedCount, 1, JSON.stringify(sent.errors));
    const transcript = await eventually(async () => {
      const found = await graphql<{ timeline: { edges: { node: { text?: string } }[] } }>(
        `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [TRANSCRIPT_SEGMENT]) { edges { node { ... on TranscriptSegment { text } } } } }`,
        { d: [device] },
      );
      return found.data?.timeline.edges[0]?.node.text;
    }, 'the recording transcribed');
    assert.match(transcript, /remember to buy/i);
    assert.deepEqual(speechPackagesMapped(pid), ['onnxruntime-node', 'sherpa-onnx'], 'both loaded with the first recording');
  });
});
