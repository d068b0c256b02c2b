// The event catalogue: every kind Lifestream knows, defined once. Adding a data source is one
// entry here; the API, storage, topics and timeline derive from this list.
import type { EventKindDefinition } from './event-kind.ts';
import type { PayloadOfKind } from './event.ts';
import * as deviceState from './kinds/device-state.ts';
import * as digital from './kinds/digital.ts';
import * as media from './kinds/media.ts';
import * as osAndApps from './kinds/os-and-apps.ts';
import * as processed from './kinds/processed.ts';
import * as sensors from './kinds/sensors.ts';
import { dlqTopic, screamingSnakeCase } from './naming.ts';

type KindsOf<Module> = Module[keyof Module];

/** Every kind with its own field types. */
export type CatalogueKind =
  | KindsOf<typeof media>
  | KindsOf<typeof sensors>
  | KindsOf<typeof deviceState>
  | KindsOf<typeof osAndApps>
  | KindsOf<typeof digital>
  | KindsOf<typeof processed>;

export type KindName = CatalogueKind['name'];

/** The definition of the kind with this name. */
export type KindNamed<Name extends KindName> = Extract<CatalogueKind, { name: Name }>;

/** The payload of a kind's events, by the kind's name: PayloadOf<'heartRate'> is { bpm: number; confidencePct?: number }. */
export type PayloadOf<Name extends KindName> = PayloadOfKind<KindNamed<Name>>;

export const catalogue: readonly EventKindDefinition[] = [
  ...Object.values(media),
  ...Object.values(sensors),
  ...Object.values(deviceState),
  ...Object.values(osAndApps),
  ...Object.values(digital),
  ...Object.values(processed),
];

const byName = new Map(catalogue.map((kind) => [kind.name, kind]));
const byEnumValue = new Map(catalogue.map((kind) => [screamingSnakeCase(kind.name), kind]));

export function kindNamed(name: string): EventKindDefinition | undefined {
  return byName.get(name);
}

/** The kind behind a GraphQL EventKind enum value such as HEART_RATE. */
export function kindForEnumValue(value: string): EventKindDefinition | undefined {
  return byEnumValue.get(value);
}

/** The kinds with these names, in catalogue order; every kind when no names are given (a `kinds` argument left out). */
export function kindsNamed(names: readonly string[] | null | undefined): EventKindDefinition[] {
  if (!names) return [...catalogue];
  const wanted = new Set(names);
  return catalogue.filter((kind) => wanted.has(kind.name));
}

export const rawKinds = catalogue.filter((kind) => kind.stage === 'raw');

/** Every topic the catalogue flows through, once each. */
export function eventTopicNames(): string[] {
  return [...new Set(catalogue.map((kind) => kind.topic))];
}

/** Every topic the stack must create: the event topics and their dead-letter twins. */
export function kafkaTopicNames(): string[] {
  return eventTopicNames().flatMap((topic) => [topic, dlqTopic(topic)]);
}
