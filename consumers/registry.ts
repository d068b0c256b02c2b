// Every consumer this code base runs, by name. Adding a pipeline is one declaration and one line here.
import type { BlobStore } from '../db/blob-store.ts';
import type { Cache } from '../db/cache/port.ts';
import type { Store } from '../db/store.ts';
import type { ConsumerDefinition } from './consumer.ts';
import { vadConsumer } from './audio/vad.ts';
import { persistenceConsumer } from './persistence.ts';

export interface ConsumerDependencies {
  store: Store;
  blobs: BlobStore;
  cache: Cache;
}

export const consumerFactories: Record<string, (deps: ConsumerDependencies) => ConsumerDefinition> = {
  persistence: ({ store, cache }) => persistenceConsumer(store, cache),
  vad: ({ blobs, cache }) => vadConsumer(blobs, cache),
};
