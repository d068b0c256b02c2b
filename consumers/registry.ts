// Every consumer this code base runs. Adding a pipeline is its folder under consumers/ and one line
// in `registeredConsumers` (and, if its kind was waiting for it, its removal from `notYetBuilt`).
import { inferredContext, reconstruction3d } from '../schema/kinds/processed.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { transcription } from './audio/transcription.ts';
import { vad } from './audio/vad.ts';
import type { ConsumerDefinition } from './consumer.ts';
import { images } from './images/image-analysis.ts';
import { persistence } from './persistence.ts';
import { screen } from './screen/screen-analysis.ts';
import { urls } from './urls/url-tasks.ts';

export const registeredConsumers: readonly ConsumerDefinition[] = [persistence, vad, transcription, images, screen, urls];

/** Processed kinds the catalogue defines whose pipelines are not built yet: nothing produces them, on purpose. */
export const notYetBuilt: readonly EventKindDefinition[] = [reconstruction3d, inferredContext];

export const consumerNames = registeredConsumers.map((consumer) => consumer.name);

export const consumerNamed = (name: string): ConsumerDefinition | undefined => registeredConsumers.find((consumer) => consumer.name === name);
