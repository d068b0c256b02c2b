// One way to write a consumer: a name, the catalogue kinds it reads and emits, and what it does with
// them. runtime.ts runs every declaration the same way, in any process: it derives the topics from
// the kinds, hands the handler only events of the kinds it reads (typed by them), and builds and
// produces what it emits.
import type { BlobStore } from '../db/blob-store.ts';
import type { Cache } from '../db/cache/port.ts';
import type { Store } from '../db/store.ts';
import type { Config } from '../schema/config.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Event, EventOfKinds, NewEvent } from '../schema/event.ts';

/** What a consumer may use; opened once per process and shared by its consumers. */
export interface ConsumerDependencies {
  store: Store;
  blobs: BlobStore;
  cache: Cache;
  config: Config;
}

export interface Rejection<In extends EventKindDefinition = EventKindDefinition> {
  event: EventOfKinds<In>;
  /** Why this event can never be processed; it goes to the dead-letter topic without retries. */
  error: string;
}

export interface ConsumerContext<Out extends EventKindDefinition> {
  /**
   * Builds events of a kind the consumer emits and produces them to the kind's topic; resolves with
   * them once the bus holds them durably. Rejects when the bus does: thrown on from handle, that
   * retries the batch, and the same input derives the same ids, so nothing is stored twice.
   */
  emit<K extends Out>(kind: K, events: readonly NewEvent<K>[]): Promise<Event<K>[]>;
}

/** What a started consumer does. */
export interface ConsumerHandlers<In extends EventKindDefinition, Out extends EventKindDefinition> {
  /**
   * Handles a batch from one partition in offset order: only events of the kinds the consumer reads,
   * already validated against the catalogue (a malformed message never reaches it; it is
   * dead-lettered). Resolving commits the batch. Throwing means "try again": the batch is retried
   * with backoff, then message by message, and a message that still fails goes to `<topic>.dlq`
   * with the error. Returning rejections means "never": those go to `<topic>.dlq` at once, the rest
   * of the batch is committed. Must be idempotent: after a crash a batch is delivered again.
   */
  handle(events: EventOfKinds<In>[], context: ConsumerContext<Out>): Promise<{ rejected: Rejection<In>[] } | void>;
  /**
   * Work on the clock rather than on messages (closing recordings that went quiet): run every everyMs,
   * one run at a time, while the consumer runs. Throwing is logged and the next run tries again.
   */
  periodic?: { everyMs: number; run(context: ConsumerContext<Out>): Promise<void> };
  /**
   * Frees what the handlers opened (worker threads, model sessions). Called once when the consumer
   * stops, after its subscription has stopped and no handle or periodic run is in flight; stopping
   * waits for it. Throwing is logged; the stop goes on.
   */
  close?(): Promise<void>;
}

/**
 * What one process of a consumer asks of a node, in Kubernetes' units: the Helm chart's defaults for
 * its Deployment, generated into helm/lifestream/values.yaml by `npm run docs:generate`.
 */
export interface ConsumerDeployment {
  cpuRequest: string;
  memoryRequest: string;
  memoryLimit: string;
  /** GPUs asked for by default (nvidia.com/gpu), for a consumer that can use one; 0 runs on the CPU. */
  gpus?: number;
  /** One line for whoever sizes it, written above its values. */
  note?: string;
}

/** A consumer that declares no deployment: light work, the persistence consumer's size. */
export const defaultDeployment: ConsumerDeployment = { cpuRequest: '250m', memoryRequest: '384Mi', memoryLimit: '1Gi' };

export interface ConsumerDefinition<In extends EventKindDefinition = EventKindDefinition, Out extends EventKindDefinition = EventKindDefinition> {
  /** Names its consumer group and its Deployment; `npm run consumer -- <name>` runs it. */
  name: string;
  /** The kinds it reads. The runtime subscribes to their topics and skips events of other kinds sharing them. */
  reads: readonly In[];
  /** The kinds it produces; every processed kind must have a producer (consumers/pipelines.ts checks at start). */
  emits: readonly Out[];
  /**
   * Why it cannot run in this installation, such as a model that is not installed, with how to fix
   * it; undefined when it can. Asked before start: a consumer named to run refuses to start with
   * this message, `npm start` leaves it out and prints it. Must not throw.
   */
  unavailable?(config: Config): string | undefined;
  /** What its Deployment asks of a node (defaultDeployment if not given). */
  deployment?: ConsumerDeployment;
  /** Prepares the consumer (loads nothing heavy: models load on the first batch). Throwing stops the process's start. */
  start(deps: ConsumerDependencies): ConsumerHandlers<In, Out>;
}

/** Declares a consumer, inferring its kinds: `handle` then takes their events, typed, and `emit` only the kinds it emits. */
export function defineConsumer<const In extends EventKindDefinition, const Out extends EventKindDefinition = never>(
  definition: ConsumerDefinition<In, Out>,
): ConsumerDefinition<In, Out> {
  return definition;
}

/** Kafka consumer group of a consumer; the prefix lets several deployments share one cluster. */
export const consumerGroupId = (definition: { name: string }, prefix: string) => `${prefix}.${definition.name}`;

/** The consumer cannot run in this installation (a model is missing); the message says how to fix it. */
export class ConsumerUnavailable extends Error {}
