// One way to write a consumer: a name, the topics it reads and writes, and a batch handler.
// runtime.ts runs every declaration the same way, in any process.
import type { Envelope } from '../schema/envelope.ts';

export interface Rejection {
  envelope: Envelope;
  /** Why this event can never be processed; it goes to the dead-letter topic without retries. */
  error: string;
}

export interface ConsumerContext {
  /** Produces derived events to one of the consumer's output topics; durable when it resolves. */
  emit(topic: string, envelopes: Envelope[]): Promise<void>;
}

export interface ConsumerDefinition {
  name: string;
  inputTopics: string[];
  outputTopics: string[];
  /**
   * Handles a batch from one partition, in offset order. Throwing means "try again" (with backoff,
   * then message by message, then the dead-letter topic); returning rejections means "never".
   */
  handle(envelopes: Envelope[], context: ConsumerContext): Promise<{ rejected: Rejection[] } | void>;
  /** Work on the clock rather than on messages (closing recordings that went quiet), every everyMs while it runs. */
  periodic?: { everyMs: number; run(context: ConsumerContext): Promise<void> };
}

/** Kafka consumer group of a consumer; the prefix lets several deployments share one cluster. */
export const consumerGroupId = (definition: ConsumerDefinition, prefix: string) => `${prefix}.${definition.name}`;

/** The consumer cannot run in this installation (a model is missing); the message says how to fix it. */
export class ConsumerUnavailable extends Error {}
