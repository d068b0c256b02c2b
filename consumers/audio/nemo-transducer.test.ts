// The Parakeet TDT path of the recognizer, run for real on a tiny NeMo TDT transducer in the layout of
// sherpa-onnx's Parakeet export (built here in seconds by scripts/models/tiny-nemo-tdt.py): the files
// it looks for, loading with modelType nemo_transducer, greedy TDT search with durations, token
// timestamps, and words through the transcription consumer. Its fixed weights emit "tiny parakeet
// tdt" over and over whatever the audio, so tokens and times are known exactly; what Parakeet's own
// weights hear is not tested here.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findModel } from '../../models/manifest.ts';
import { buildTinyNemoTdt } from '../../scripts/models/tiny-nemo-tdt.ts';
import { brokenBecause, verifyRecognizer } from '../../scripts/models/verify-whisper.ts';
import { openBlobDirectory } from '../../db/blob-directory.ts';
import { isEventOf, newEvent } from '../../schema/event-codec.ts';
import type { Event } from '../../schema/event.ts';
import { speechSegment, transcriptSegment } from '../../schema/kinds/processed.ts';
import { makeSpeech } from '../../test/fixtures/speech.ts';
import { encodeWav, pcm16ToFloat, vadSampleRate } from './pcm.ts';
import { consumerContext } from '../runtime.ts';
import { wordsOf, type Recognition, type TimedWord } from './recognizer.ts';
import { installedSpeechModel, loadSherpaRecognizer, recognizerConfig, speechModel, type SpeechModel } from './sherpa-recognizer.ts';
import { transcription, transcriptionHandlers } from './transcription.ts';
import { segmentPadMs } from './vad.ts';

const tinyName = 'parakeet-tdt-test';
/** One encoder frame: 10 ms features subsampled by 8. */
const frameMs = 80;
/** What the tiny model emits, in order and again: the pieces (▁ read as a space) and the frame each is at. */
const cycle = [' tiny', ' par', 'a', 'keet', ' t', 'dt'];
const cycleFrames = [0, 1, 1, 2, 4, 4];
const cycleLength = 7;
const words = ['tiny', 'parakeet', 'tdt'];
const wordFrames = [0, 1, 4];

const tokenStartMs = (i: number) => (Math.floor(i / cycle.length) * cycleLength + cycleFrames[i % cycle.length]!) * frameMs;
const wordStartMs = (i: number) => (Math.floor(i / words.length) * cycleLength + wordFrames[i % words.length]!) * frameMs;

/** The words are the cycle's, each where it starts (the last one maybe cut short by the end of the audio). */
function assertKnownWords(timed: readonly TimedWord[], startMs: (i: number) => number): void {
  assert.ok(timed.length >= words.length, `words: ${JSON.stringify(timed)}`);
  timed.forEach((w, i) => {
    const expected = words[i % words.length]!;
    if (i === timed.length - 1) assert.ok(expected.startsWith(w.word), `last word ${w.word} begins ${expected}`);
    else assert.equal(w.word, expected);
    assert.equal(w.startMs, startMs(i), `${w.word} (word ${i}) at ${w.startMs} ms`);
  });
}

/** The tokens are the cycle from its start, each at its frame, and they run to the end of the audio. */
function assertKnownTokens(recognition: Recognition, audioMs: number): void {
  const { tokens } = recognition;
  assert.ok(tokens.length > 0, 'some tokens');
  assert.deepEqual(
    tokens.map((t) => t.text),
    tokens.map((_, i) => cycle[i % cycle.length]),
  );
  tokens.forEach((token, i) => assert.ok(Math.abs(token.startMs - tokenStartMs(i)) < 0.01, `token ${i} at ${token.startMs} ms, not ${tokenStartMs(i)}`));
  assert.ok(tokens.every((t, i) => i === 0 || t.startMs >= tokens[i - 1]!.startMs), 'timestamps never go back');
  // Decoding stops at the last encoder frame: the last token is within the audio, less than a cycle from its end.
  const last = tokens.at(-1)!.startMs;
  assert.ok(last < audioMs && last > audioMs - cycleLength * frameMs - 2 * frameMs, `last token at ${last} ms of ${audioMs} ms`);
  assert.ok(tokens.every((t) => t.confidence !== undefined && t.confidence > 0.5 && t.confidence <= 1), 'a confidence for each token, from its log probability');
  assert.equal(recognition.text, tokens.map((t) => t.text).join('').trim());
  assert.equal(recognition.language, undefined);
}

describe('Parakeet TDT path on a tiny NeMo transducer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-tiny-parakeet-'));
  const tiny: SpeechModel = speechModel(findModel(tinyName), join(dir, tinyName));
  // The sentence with segmentPadMs of silence either side, as the VAD consumer writes a speech segment's audio.
  const speech = makeSpeech([{ silence: segmentPadMs / 1000 }, { say: 'Remember to buy oat milk and bread.' }, { silence: segmentPadMs / 1000 }]);
  const samples = pcm16ToFloat(speech.pcm, 1);
  const audioMs = (samples.length * 1000) / vadSampleRate;

  before(async () => {
    await buildTinyNemoTdt(findModel(tinyName), { force: true, dir: tiny.dir });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is taken for Parakeet by installedSpeechModel only in parakeet-tdt-0.6b-v2/, and loads and recognizes from there', async () => {
    assert.equal(installedSpeechModel(dir), undefined, 'a folder with another name is not Parakeet');
    const modelsDir = join(dir, 'models');
    const parakeetDir = join(modelsDir, 'parakeet-tdt-0.6b-v2');
    mkdirSync(parakeetDir, { recursive: true });
    for (const { path } of tiny.files) symlinkSync(join(tiny.dir, path), join(parakeetDir, path));
    const model = installedSpeechModel(modelsDir);
    assert.deepEqual(model, speechModel(findModel('parakeet-tdt-0.6b-v2'), parakeetDir));
    assert.equal(model.layout, 'nemo-transducer');
    const recognizer = await loadSherpaRecognizer(model!);
    assert.equal(recognizer.model, 'parakeet-tdt-0.6b-v2');
    assertKnownTokens(await recognizer.recognize(samples), audioMs);
  });

  it('recognizes espeak-ng speech as the known tokens, each at its frame, with TDT durations of 0 to 3 frames', async (t) => {
    let started = performance.now();
    const recognizer = await loadSherpaRecognizer(tiny);
    const loadMs = performance.now() - started;
    started = performance.now();
    const recognition = await recognizer.recognize(samples);
    t.diagnostic(`loaded in ${loadMs.toFixed(0)} ms, ${(audioMs / 1000).toFixed(1)} s of speech recognized in ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(recognizer.model, tinyName);
    assertKnownTokens(recognition, audioMs);
    assert.match(recognition.text, /^tiny parakeet tdt tiny parakeet tdt/);
    const timed = wordsOf(recognition.tokens, audioMs);
    assertKnownWords(timed, wordStartMs);
  });

  it('recognizes audio shorter than one encoder frame as one token at 0 ms', async () => {
    const recognizer = await loadSherpaRecognizer(tiny);
    const recognition = await recognizer.recognize(samples.subarray(0, 400));
    assert.deepEqual(recognition.tokens.map((t) => [t.text, t.startMs]), [[' tiny', 0]]);
  });

  it('is checked by `npm run models -- verify` with the same settings, and called broken: it hears nothing that was said', () => {
    const verification = verifyRecognizer(recognizerConfig(tiny, 'en', 'cpu', 1));
    assert.equal(verification.withTimestamps, true);
    assert.match(brokenBecause(verification) ?? '', /mean WER \d+% \(limit 50%\)/);
  });

  it('the transcription consumer turns a speech segment into words timed inside the segment, under the model name', async () => {
    const blobs = openBlobDirectory(join(dir, 'blobs'));
    const wav = encodeWav(samples);
    const durationMs = Math.round(audioMs - 2 * segmentPadMs);
    const segment = newEvent(speechSegment, {
      deviceId: 'phone',
      time: new Date(Date.UTC(2026, 5, 1, 9)),
      payload: { fileId: 'rec-tiny', segmentId: 'rec-tiny@0', durationMs, probability: 0.9, audio: { sha256: await blobs.put(wav), byteSize: wav.length, mimeType: 'audio/wav' }, model: 'silero-vad-v4' },
    });
    const consumer = transcriptionHandlers(blobs, () => loadSherpaRecognizer(tiny));
    const transcripts: Event<typeof transcriptSegment>[] = [];
    const result = await consumer.handle([segment], consumerContext(transcription, async (out) => void transcripts.push(...out.filter((e) => isEventOf(transcriptSegment, e)))));
    assert.deepEqual(result?.rejected ?? [], []);
    assert.equal(transcripts.length, 1);
    const { payload } = transcripts[0]!;
    assert.equal(transcripts[0]!.kind, 'transcriptSegment');
    assert.equal(payload.model, tinyName);
    assert.equal(payload.segmentId, 'rec-tiny@0');
    assert.match(payload.text, /^tiny parakeet tdt tiny parakeet tdt/);
    const timed = payload.words;
    // Timed from the segment's start: the tokens heard in the pads before and after it are put at its edges.
    const inSegment = (ms: number) => Math.min(durationMs, Math.max(0, ms - segmentPadMs));
    assertKnownWords(timed, (i) => inSegment(wordStartMs(i)));
    for (const word of timed) assert.ok(0 <= word.startMs && word.startMs <= word.endMs && word.endMs <= durationMs, JSON.stringify(word));
    assert.ok(timed.every((w, i) => i === 0 || w.startMs >= timed[i - 1]!.startMs), 'words in order');
    assert.equal(timed.at(-1)!.startMs, durationMs, 'the last words were heard in the pad after the segment');
  });
});
