// Types for the part of sherpa-onnx-node 1.13.8 that Lifestream uses: offline (whole-utterance)
// recognition. The package ships none; these mirror its JSDoc (types.js) and the fields its native
// addon reads. The addon reads numeric flags only when they are numbers: `enableTokenTimestamps:
// true` is silently ignored, so such flags are typed `0 | 1`.
//
// The package is CommonJS whose exports Node cannot name from ESM: `import { OfflineRecognizer }
// from 'sherpa-onnx-node'` fails at run time. So only the default export is a value here
// (`import sherpa from 'sherpa-onnx-node'`, then `new sherpa.OfflineRecognizer(...)`), types are
// reached through it (`sherpa.OfflineModelConfig`), and a named import is a type error instead of a
// crash.
declare module 'sherpa-onnx-node' {
  namespace sherpa {
    interface FeatureConfig {
      sampleRate?: number;
      featureDim?: number;
    }

    interface OfflineWhisperModelConfig {
      encoder: string;
      decoder: string;
      /** A Whisper language code such as 'en'; empty detects the language per utterance. */
      language?: string;
      task?: 'transcribe' | 'translate';
      /** Zero frames appended after the speech so Whisper sees an end; 1000 (10 s) when unset. */
      tailPaddings?: number;
      /** Per-token start times and durations from cross-attention; needs a decoder exported with attention weights. */
      enableTokenTimestamps?: 0 | 1;
      /** Lets Whisper emit its own timestamp tokens and fills the segment fields of the result. */
      enableSegmentTimestamps?: 0 | 1;
    }

    interface OfflineTransducerModelConfig {
      encoder: string;
      decoder: string;
      joiner: string;
    }

    interface OfflineModelConfig {
      whisper?: OfflineWhisperModelConfig;
      transducer?: OfflineTransducerModelConfig;
      tokens: string;
      numThreads?: number;
      provider?: 'cpu' | 'cuda' | 'coreml';
      debug?: 0 | 1;
      /** Needed for some model families, e.g. 'nemo_transducer' for Parakeet TDT. */
      modelType?: string;
    }

    interface OfflineRecognizerConfig {
      featConfig?: FeatureConfig;
      modelConfig: OfflineModelConfig;
      decodingMethod?: 'greedy_search' | 'modified_beam_search';
      maxActivePaths?: number;
    }

    interface Waveform {
      /** Mono samples in [-1, 1]; any other typed array is misread, not converted. */
      samples: Float32Array;
      sampleRate: number;
    }

    interface OfflineRecognizerResult {
      lang: string;
      text: string;
      /** One entry per token, as text pieces (Whisper's start with a space at word starts). */
      tokens: string[];
      /** Start of each token in seconds from the start of the stream; empty unless enabled. */
      timestamps: number[];
      /** Duration of each token in seconds, beside `timestamps`. */
      durations: number[];
      segment_timestamps?: number[];
      segment_durations?: number[];
      segment_texts?: string[];
      /** Log probability of each token, from transducers (Parakeet); empty for Whisper. */
      ys_log_probs?: number[];
    }

    interface OfflineStream {
      acceptWaveform(waveform: Waveform): void;
      setOption(key: string, value: string): void;
    }

    interface OfflineRecognizer {
      readonly config: OfflineRecognizerConfig;
      createStream(): OfflineStream;
      decode(stream: OfflineStream): void;
      decodeAsync(stream: OfflineStream): Promise<OfflineRecognizerResult>;
      getResult(stream: OfflineStream): OfflineRecognizerResult;
    }
  }

  const sherpa: {
    OfflineRecognizer: {
      new (config: sherpa.OfflineRecognizerConfig): sherpa.OfflineRecognizer;
      createAsync(config: sherpa.OfflineRecognizerConfig): Promise<sherpa.OfflineRecognizer>;
    };
    /** Reads a mono 16-bit PCM WAV file. */
    readWave(path: string): sherpa.Waveform;
    version: string;
    onnxruntimeVersion: string;
  };

  export default sherpa;
}
