// Speech-to-text on sherpa-onnx-node (its own onnxruntime): NVIDIA Parakeet TDT 0.6b v2 (a NeMo
// transducer with token timestamps) when its weights are in MODELS_DIR, else Whisper base. Which
// files each needs is in models/manifest.json; `npm run models -- pull|build <name>` installs them.
// On CUDA when a GPU is there; sherpa-onnx falls back to the CPU itself (and says so) when its
// library was built without GPU support, as the npm one is. sherpa-onnx-node (native, about 12 MB
// resident) is imported with the model, not at start.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type sherpa from 'sherpa-onnx-node';
import { findModel, loadManifest, type ModelEntry, type SpeechFileRole, type SpeechLayout } from '../../models/manifest.ts';
import type { SpeechRecognizer } from './recognizer.ts';
import { vadSampleRate } from './pcm.ts';

export interface SpeechModel {
  /** Recorded on each transcript. */
  name: string;
  /** How sherpa-onnx loads it: a NeMo transducer (Parakeet TDT) or Whisper, each with its own files. */
  layout: SpeechLayout;
  dir: string;
  /** Its files in dir, as models/manifest.json lists them; the recognizer loads each by its role. */
  files: ModelEntry['files'];
}

/** A speech model of models/manifest.json with its files in `dir` (the tests load a tiny Parakeet built so). */
export function speechModel(model: ModelEntry, dir: string): SpeechModel {
  if (!model.speechLayout) throw new Error(`${model.name} is not a speech model: models/manifest.json gives it no speechLayout`);
  return { name: model.name, layout: model.speechLayout, dir, files: model.files };
}

/** The models of the manifest that transcription picks from, best first. */
const preferredSpeechModels = ['parakeet-tdt-0.6b-v2', 'whisper-base'];

/** The best speech model whose files are all there, or undefined. */
export function installedSpeechModel(modelsDir: string, manifest = loadManifest()): SpeechModel | undefined {
  return preferredSpeechModels
    .map((name) => speechModel(findModel(name, manifest), join(modelsDir, name)))
    .find((m) => m.files.every((f) => existsSync(join(m.dir, f.path))));
}

export function missingSpeechModel(modelsDir: string): string {
  return `no speech-to-text model in ${modelsDir}: run \`npm run models -- pull parakeet-tdt-0.6b-v2\` (needs internet) or \`npm run models -- build whisper-base\``;
}

export type SpeechProvider = 'cpu' | 'cuda';

/** The execution provider for a LIFESTREAM_SPEECH_PROVIDER setting: auto takes the GPU when one is there. */
export function speechProvider(setting: 'auto' | SpeechProvider, gpuPresent: boolean): SpeechProvider {
  if (setting !== 'auto') return setting;
  return gpuPresent ? 'cuda' : 'cpu';
}

/** Whether an NVIDIA GPU is visible to this process (its driver's control device). */
export const nvidiaGpuPresent = (): boolean => existsSync('/dev/nvidiactl');

/**
 * The settings Lifestream loads a model with (also what `npm run models -- verify` checks).
 * language: Whisper's language code; empty detects it per segment, which short segments get wrong
 * (English heard as Latin), hence a configured default. Parakeet is English only. sherpa-onnx takes
 * a NeMo transducer's feature size (Parakeet's 128 mel bins) from its encoder's metadata.
 */
export function recognizerConfig(
  model: SpeechModel,
  language = 'en',
  provider: SpeechProvider = 'cpu',
  numThreads = Math.max(1, Math.min(4, cpus().length)),
): sherpa.OfflineRecognizerConfig {
  const file = (role: SpeechFileRole) => {
    const found = model.files.find((f) => f.role === role);
    if (!found) throw new Error(`${model.name} has no file with "role": "${role}" in models/manifest.json, which its ${model.layout} layout loads`);
    return join(model.dir, found.path);
  };
  const common = { tokens: file('tokens'), numThreads, provider, debug: 0 as const };
  return {
    featConfig: { sampleRate: vadSampleRate, featureDim: 80 },
    modelConfig:
      model.layout === 'nemo-transducer'
        ? { ...common, modelType: 'nemo_transducer', transducer: { encoder: file('encoder'), decoder: file('decoder'), joiner: file('joiner') } }
        : { ...common, whisper: { encoder: file('encoder'), decoder: file('decoder'), language, task: 'transcribe', enableTokenTimestamps: 1 } },
    decodingMethod: 'greedy_search',
  };
}

export async function loadSherpaRecognizer(model: SpeechModel, language = 'en', provider: SpeechProvider = 'cpu'): Promise<SpeechRecognizer> {
  // Its default export, which both tsx and plain Node give.
  const { OfflineRecognizer } = (await import('sherpa-onnx-node')).default;
  const recognizer = await OfflineRecognizer.createAsync(recognizerConfig(model, language, provider));
  return {
    model: model.name,
    async recognize(samples) {
      const stream = recognizer.createStream();
      stream.acceptWaveform({ sampleRate: vadSampleRate, samples });
      const result = await recognizer.decodeAsync(stream);
      return {
        text: result.text,
        tokens: result.tokens.map((text, i) => ({
          text,
          startMs: (result.timestamps[i] ?? 0) * 1000,
          ...(result.ys_log_probs?.[i] !== undefined ? { confidence: Math.exp(result.ys_log_probs[i]!) } : {}),
        })),
        ...(result.lang ? { language: result.lang.replace(/[<>|]/g, '') } : {}),
      };
    },
  };
}
