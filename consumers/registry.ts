// Every consumer this code base runs, by name. Adding a pipeline is one declaration and one line here.
import type { BlobStore } from '../db/blob-store.ts';
import type { Cache } from '../db/cache/port.ts';
import type { Store } from '../db/store.ts';
import type { Config } from '../schema/config.ts';
import { loadSherpaRecognizer, installedSpeechModel, missingSpeechModel, nvidiaGpuPresent, speechProvider } from './audio/sherpa-recognizer.ts';
import { transcriptionConsumer } from './audio/transcription.ts';
import { ConsumerUnavailable, type ConsumerDefinition } from './consumer.ts';
import { vadConsumer } from './audio/vad.ts';
import { persistenceConsumer } from './persistence.ts';

export interface ConsumerDependencies {
  store: Store;
  blobs: BlobStore;
  cache: Cache;
  config: Config;
}

export const consumerFactories: Record<string, (deps: ConsumerDependencies) => ConsumerDefinition> = {
  persistence: ({ store, cache }) => persistenceConsumer(store, cache),
  vad: ({ blobs, cache, config }) => vadConsumer(blobs, cache, { recordingIdleMs: config.LIFESTREAM_RECORDING_IDLE_S * 1000, keyPrefix: config.LIFESTREAM_GROUP_PREFIX }),
  transcription: ({ blobs, config }) => {
    const model = installedSpeechModel(config.MODELS_DIR);
    if (!model) throw new ConsumerUnavailable(missingSpeechModel(config.MODELS_DIR));
    const provider = speechProvider(config.LIFESTREAM_SPEECH_PROVIDER, nvidiaGpuPresent());
    return transcriptionConsumer(blobs, () => loadSherpaRecognizer(model, config.LIFESTREAM_SPEECH_LANGUAGE, provider));
  },
};
