// Checks a speech model on sherpa-onnx-node (a built whisper-base, or Parakeet once pulled): espeak-ng
// sentences with known voice bounds are recognized; the word error rate, the token timestamps against
// those bounds and the speed are reported. The timestamps are also checked to follow the audio: the
// same sentence after more leading silence must come out that much later. `npm run models -- verify
// <name>` runs it and fails when the model is plainly broken (no timestamps, timestamps that do not
// follow, most words wrong).
import sherpa from 'sherpa-onnx-node';
import { pcm16ToFloat } from '../../consumers/audio/pcm.ts';
import { makeSpeech } from '../../test/fixtures/speech.ts';
import { wordErrorRate } from './word-error-rate.ts';

const sentences = [
  'The quick brown fox jumps over the lazy dog near the river bank.',
  'Please remind me to call my sister about the birthday dinner on Friday.',
  'My heart rate stayed low during the long morning walk in the park.',
  'We should buy fresh bread, apples and a bottle of milk on the way home.',
  'The meeting with the design team moved to the small room upstairs.',
];
const sampleRate = 16_000;
const leadingSilenceS = 1;
/** Above this mean word error rate the conversion is broken, not merely hearing espeak's robotic voice. */
export const brokenWer = 0.5;
/** The same sentence is decoded after these two lengths of silence. */
const shiftSilencesS = [0.3, 2] as const;
/** How far a token's start may move from the added silence before the timestamps count as not following. */
export const shiftToleranceS = 0.15;

export interface Verification {
  sherpaOnnx: string;
  onnxruntime: string;
  numThreads: number;
  loadMs: number;
  meanWer: number;
  realTimeFactor: number;
  withTimestamps: boolean;
  /**
   * Token starts of one sentence after 2 s of silence minus those after 0.3 s, all but the first token
   * (Whisper's alignment gives the leading silence to the first token, which so always starts at 0).
   */
  timestampShift: { expectedS: number; minS: number; maxS: number };
  sentences: {
    said: string;
    heard: string;
    wer: number;
    audioS: number;
    decodeMs: number;
    voice: { startS: number; endS: number };
    tokens: { token: string; startS: number | undefined; durationS: number | undefined }[];
  }[];
}

function recognize(recognizer: sherpa.OfflineRecognizer, samples: Float32Array): { result: sherpa.OfflineRecognizerResult; decodeMs: number } {
  const stream = recognizer.createStream();
  stream.acceptWaveform({ samples, sampleRate });
  const started = performance.now();
  recognizer.decode(stream);
  const decodeMs = performance.now() - started;
  return { result: recognizer.getResult(stream), decodeMs };
}

const spoken = (silenceS: number, sentence: string) => {
  const speech = makeSpeech([{ silence: silenceS }, { say: sentence }, { silence: 0.5 }]);
  return { samples: pcm16ToFloat(speech.pcm, 1), voice: speech.sentences[0]! };
};

/** Recognizes the sentences with a recognizer of these settings. */
export function verifyRecognizer(config: sherpa.OfflineRecognizerConfig): Verification {
  const started = performance.now();
  const recognizer = new sherpa.OfflineRecognizer(config);
  const loadMs = performance.now() - started;

  const results = sentences.map((said) => {
    const { samples, voice } = spoken(leadingSilenceS, said);
    const { result, decodeMs } = recognize(recognizer, samples);
    return {
      said,
      heard: result.text.trim(),
      wer: wordErrorRate(said, result.text),
      audioS: samples.length / sampleRate,
      decodeMs,
      voice: { startS: voice.start, endS: voice.end },
      tokens: result.tokens.map((token, i) => ({ token, startS: result.timestamps[i], durationS: result.durations[i] })),
    };
  });

  const [early, late] = shiftSilencesS.map((silenceS) => recognize(recognizer, spoken(silenceS, sentences[3]!).samples).result.timestamps);
  const shifts = early!.length === late!.length ? late!.slice(1).map((t, i) => t - early![i + 1]!) : [];

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    sherpaOnnx: sherpa.version,
    onnxruntime: sherpa.onnxruntimeVersion,
    numThreads: config.modelConfig.numThreads ?? 1,
    loadMs,
    meanWer: sum(results.map((r) => r.wer)) / results.length,
    realTimeFactor: sum(results.map((r) => r.decodeMs / 1000)) / sum(results.map((r) => r.audioS)),
    withTimestamps: results.every((r) => r.tokens.length > 0 && r.tokens.every((t) => t.startS !== undefined && t.durationS !== undefined)),
    timestampShift: { expectedS: shiftSilencesS[1] - shiftSilencesS[0], minS: Math.min(...shifts), maxS: Math.max(...shifts) },
    sentences: results,
  };
}

/** Why the model looks broken, or undefined when it does not. */
export function brokenBecause(v: Verification): string | undefined {
  const reasons: string[] = [];
  if (!v.withTimestamps) reasons.push('no token timestamps');
  const { expectedS, minS, maxS } = v.timestampShift;
  if (!Number.isFinite(minS)) reasons.push(`a different number of tokens after ${expectedS.toFixed(2)} s more silence`);
  else if (!(Math.abs(minS - expectedS) <= shiftToleranceS && Math.abs(maxS - expectedS) <= shiftToleranceS)) {
    reasons.push(`token starts moved ${minS.toFixed(2)}–${maxS.toFixed(2)} s for ${expectedS.toFixed(2)} s more silence`);
  }
  if (v.meanWer > brokenWer) reasons.push(`mean WER ${(v.meanWer * 100).toFixed(0)}% (limit ${brokenWer * 100}%)`);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

export function printVerification(v: Verification): void {
  const seconds = (s: number | undefined) => (s === undefined ? '-' : s.toFixed(2));
  console.log(`sherpa-onnx-node ${v.sherpaOnnx} (onnxruntime ${v.onnxruntime}), ${v.numThreads} threads, model loaded in ${Math.round(v.loadMs)} ms`);
  for (const s of v.sentences) {
    const last = s.tokens.at(-1);
    const end = last?.startS !== undefined && last.durationS !== undefined ? last.startS + last.durationS : undefined;
    console.log(`\nsaid:  ${s.said}\nheard: ${s.heard}`);
    console.log(`  WER ${(s.wer * 100).toFixed(0)}%, decoded ${s.audioS.toFixed(2)} s in ${Math.round(s.decodeMs)} ms`);
    console.log(`  voice ${seconds(s.voice.startS)}–${seconds(s.voice.endS)} s; tokens ${seconds(s.tokens[0]?.startS)}–${seconds(end)} s`);
    console.log(`  ${s.tokens.map((t) => `${JSON.stringify(t.token)}@${seconds(t.startS)}+${seconds(t.durationS)}`).join(' ')}`);
  }
  const { expectedS, minS, maxS } = v.timestampShift;
  const moved = Number.isFinite(minS) ? `moved the token starts by ${minS.toFixed(2)}–${maxS.toFixed(2)} s` : 'gave a different number of tokens';
  console.log(`\n${expectedS.toFixed(2)} s more leading silence ${moved}`);
  console.log(`mean WER ${(v.meanWer * 100).toFixed(1)}%, real-time factor ${v.realTimeFactor.toFixed(3)}, token timestamps ${v.withTimestamps ? 'present' : 'MISSING'}`);
}
