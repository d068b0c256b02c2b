// Runs a consumer declaration on the bus: batches in, handler with retries and backoff, whatever
// keeps failing to <topic>.dlq with its error, offsets committed only after that. A dependency away
// for now (isTransient) is no message's fault: the batch waits for it, retried without limit, and is
// never dead-lettered; stopping the consumer gives the batch up uncommitted, to come again.
import pRetry from 'p-retry';
import { isTransient } from '../db/dependency-failure.ts';
import type { Envelope } from '../schema/envelope.ts';
import { dlqTopic } from '../schema/naming.ts';
import type { Bus, DeliveredBatch, DeliveredMessage, OutgoingMessage, Subscription } from './bus/port.ts';
import { consumerGroupId, type ConsumerContext, type ConsumerDefinition } from './consumer.ts';
import { parseEnvelope } from './envelope-parse.ts';
import { batchSeconds, consumerLag, deadLetteredMessages, failedAttempts, processedMessages } from './metrics.ts';

export interface RetryPolicy {
  /** Attempts after the first before the batch is split into single messages (transient failures not counted). */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, minTimeoutMs: 100, maxTimeoutMs: 5_000 };

interface Failure {
  message: DeliveredMessage;
  error: string;
}

function deadLetter(batch: DeliveredBatch, consumer: string, failures: Failure[]): { topic: string; messages: OutgoingMessage[] } {
  const failedAt = new Date().toISOString();
  return {
    topic: dlqTopic(batch.topic),
    messages: failures.map(({ message, error }) => ({
      key: message.key ?? '',
      value: message.value ?? '',
      headers: {
        ...message.headers,
        'lifestream-error': error,
        'lifestream-consumer': consumer,
        'lifestream-source': `${batch.topic}/${batch.partition}/${message.offset}`,
        'lifestream-failed-at': failedAt,
      },
    })),
  };
}

export interface RunOptions {
  groupPrefix: string;
  retry?: RetryPolicy;
}

export async function runConsumer(definition: ConsumerDefinition, bus: Bus, options: RunOptions): Promise<Subscription> {
  const retry = options.retry ?? defaultRetryPolicy;
  const outputs = new Set(definition.outputTopics);
  const context: ConsumerContext = {
    async emit(topic, envelopes) {
      if (!outputs.has(topic)) throw new Error(`consumer ${definition.name} does not declare output topic ${topic}`);
      await bus.produce([{ topic, messages: envelopes.map((e) => ({ key: e.deviceId, value: JSON.stringify(e) })) }]);
    },
  };

  const stopping = new AbortController();

  /** Handles envelopes, returning the ones that must be dead-lettered; throws if they still fail after retries, or the consumer stops. */
  const handleWithRetries = async (envelopes: { envelope: Envelope; message: DeliveredMessage }[], batch: DeliveredBatch) => {
    let permanentFailures = 0;
    return pRetry(
      async () => {
        const result = await definition.handle(envelopes.map((e) => e.envelope), context);
        const rejected = new Map(result?.rejected.map((r) => [r.envelope, r.error]));
        return envelopes.flatMap(({ envelope, message }) => {
          const error = rejected.get(envelope);
          return error === undefined ? [] : [{ message, error }];
        });
      },
      {
        retries: retry.retries,
        // Past `retries`, only transient failures go on, at the last backoff.
        forever: true,
        shouldRetry: (error) => isTransient(error) || ++permanentFailures <= retry.retries,
        minTimeout: retry.minTimeoutMs,
        maxTimeout: retry.maxTimeoutMs,
        signal: stopping.signal,
        onFailedAttempt: async (error) => {
          failedAttempts.inc({ consumer: definition.name, topic: batch.topic });
          if (isTransient(error) && error.attemptNumber === 1) console.error(`consumer ${definition.name}: ${error.message}; retrying ${batch.topic} until it is back`);
          await batch.heartbeat();
        },
      },
    );
  };

  const eachBatch = async (batch: DeliveredBatch) => {
    const labels = { consumer: definition.name, topic: batch.topic };
    const stopTimer = batchSeconds.startTimer(labels);
    const failures: Failure[] = [];
    const parsed: { envelope: Envelope; message: DeliveredMessage }[] = [];
    for (const message of batch.messages) {
      const result = parseEnvelope(message.value);
      if ('error' in result) failures.push({ message, error: result.error });
      else parsed.push({ envelope: result.envelope, message });
    }
    if (parsed.length > 0) {
      try {
        failures.push(...(await handleWithRetries(parsed, batch)));
      } catch (error) {
        // Stopping, or the group lost (a heartbeat during a rebalance): the batch comes again, uncommitted.
        if (stopping.signal.aborted || isTransient(error)) throw error;
        // One poisoned message must not hold back the rest: retry each alone, dead-letter the ones that still fail.
        for (const one of parsed) {
          try {
            failures.push(...(await handleWithRetries([one], batch)));
          } catch (error) {
            if (stopping.signal.aborted || isTransient(error)) throw error;
            failures.push({ message: one.message, error: (error as Error).message });
          }
        }
      }
    }
    if (failures.length > 0) {
      await bus.produce([deadLetter(batch, definition.name, failures)]);
      deadLetteredMessages.inc(labels, failures.length);
    }
    processedMessages.inc(labels, batch.messages.length - failures.length);
    const last = batch.messages.at(-1);
    if (last) {
      consumerLag.set({ ...labels, partition: batch.partition }, Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n));
    }
    stopTimer();
  };

  const subscribed = await bus.subscribe({ groupId: consumerGroupId(definition, options.groupPrefix), topics: definition.inputTopics, eachBatch });
  const subscription: Subscription = {
    async stop() {
      stopping.abort(new Error(`consumer ${definition.name} stopping`));
      await subscribed.stop();
    },
  };
  return definition.periodic ? withPeriodicWork(subscription, definition.name, definition.periodic, context) : subscription;
}

/** Runs the periodic work one run at a time until the subscription stops; a failed run is logged and the next one tries again. */
function withPeriodicWork(subscription: Subscription, name: string, periodic: NonNullable<ConsumerDefinition['periodic']>, context: ConsumerContext): Subscription {
  let stopped = false;
  let running = Promise.resolve();
  let timer: NodeJS.Timeout;
  const tick = () => {
    running = periodic
      .run(context)
      .catch((error: unknown) => console.error(`consumer ${name}: periodic work failed, trying again in ${periodic.everyMs} ms:`, error))
      .then(() => {
        if (!stopped) timer = setTimeout(tick, periodic.everyMs);
      });
  };
  timer = setTimeout(tick, periodic.everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await subscription.stop();
    },
  };
}
