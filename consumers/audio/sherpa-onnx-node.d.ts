// Types for the part of sherpa-onnx-node 1.13.8 that Lifestream uses: offline (whole-utterance)
// recognition. The package ships none; these mirror its JSDoc (types.js) and the fields its native
// addon reads. The addon reads numeric flags only when they are numbers: `enableTokenTimestamps:
// true` is silently ignored, so such flags are typed `0 | 1`.
declare module 'sherpa-onnx-node' {
  export interface FeatureConfig {
    sampleRate?: number;
    featureDim?: number;
  }

  export interface OfflineWhisperModelConfig {
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

  export interface OfflineTransducerModelConfig {
    encoder: string;
    decoder: string;
    joiner: string;
  }

  export interface OfflineModelConfig {
    whisper?: OfflineWhisperModelConfig;
    transducer?: OfflineTransducerModelConfig;
    tokens: string;
    numThreads?: number;
    provider?: 'cpu' | 'cuda' | 'coreml';
    debug?: 0 | 1;
    /** Needed for some model families, e.g. 'nemo_transducer' for Parakeet TDT. */
    modelType?: string;
  }

  export interface OfflineRecognizerConfig {
    featConfig?: FeatureConfig;
    modelConfig: OfflineModelConfig;
    decodingMethod?: 'greedy_search' | 'modified_beam_search';
    maxActivePaths?: number;
  }

  export interface Waveform {
    /** Mono samples in [-1, 1]; any other typed array is misread, not converted. */
    samples: Float32Array;
    sampleRate: number;
  }

  export interface OfflineRecognizerResult {
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
    /** Log probability of each token, from transducers (Parakeet); absent for Whisper. */
    ys_log_probs?: number[];
  }

  export class OfflineStream {
    acceptWaveform(waveform: Waveform): void;
    setOption(key: string, value: string): void;
  }

  export class OfflineRecognizer {
    constructor(config: OfflineRecognizerConfig);
    static createAsync(config: OfflineRecognizerConfig): Promise<OfflineRecognizer>;
    readonly config: OfflineRecognizerConfig;
    createStream(): OfflineStream;
    decode(stream: OfflineStream): void;
    decodeAsync(stream: OfflineStream): Promise<OfflineRecognizerResult>;
    getResult(stream: OfflineStream): OfflineRecognizerResult;
  }

  /** Reads a mono 16-bit PCM WAV file. */
  export function readWave(path: string): Waveform;

  export const version: string;
  export const onnxruntimeVersion: string;
}
