// Runs a consumer declaration on the bus: the topics of the kinds it reads, batches in, events of
// those kinds decoded by the codec, handler with retries and backoff, whatever keeps failing to
// <topic>.dlq with its error, offsets committed only after that; heartbeats while a batch takes long.
// A dependency away for now (isTransient) is no message's fault: the batch waits for it, retried
// without limit, and is never dead-lettered; stopping the consumer gives the batch up uncommitted.
import pRetry from 'p-retry';
import { isTransient } from '../db/dependency-failure.ts';
import { decodeEvent, messagesByTopic, newEvent } from '../schema/event-codec.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Event, EventOfKinds } from '../schema/event.ts';
import { dlqTopic } from '../schema/naming.ts';
import type { Bus, DeliveredBatch, DeliveredMessage, OutgoingMessage, Subscription } from '../db/bus/port.ts';
import { consumerGroupId, type ConsumerContext, type ConsumerDefinition, type ConsumerDependencies, type ConsumerHandlers } from './consumer.ts';
import { batchSeconds, consumerLag, deadLetteredMessages, failedAttempts, processedMessages } from './metrics.ts';

export interface RetryPolicy {
  /** Attempts after the first before the batch is split into single messages (transient failures not counted). */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, minTimeoutMs: 100, maxTimeoutMs: 5_000 };

/** Well inside Kafka's default session timeout (45 s) and at kafkajs' default heartbeat interval. */
const heartbeatEveryMs = 3_000;

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

/** The topics a consumer subscribes to: those of the kinds it reads, once each. */
export const inputTopicsOf = (definition: ConsumerDefinition<EventKindDefinition, EventKindDefinition>): string[] => [...new Set(definition.reads.map((kind) => kind.topic))];

/** The context a consumer's handlers get: emit builds the events with the codec and hands them to produce. */
export function consumerContext<Out extends EventKindDefinition>(
  definition: { name: string; emits: readonly Out[] },
  produce: (events: readonly Event[]) => Promise<void>,
): ConsumerContext<Out> {
  return {
    async emit(kind, contents) {
      if (!definition.emits.some((emitted) => emitted === kind)) {
        throw new Error(`consumer ${definition.name} emits ${kind.name} but does not declare it: add it to its emits`);
      }
      const events = contents.map((content) => newEvent(kind, content));
      await produce(events);
      return events;
    },
  };
}

/** Calls heartbeat every few seconds until the work is done; a failed heartbeat (a rebalance) is reported, the work goes on. */
export async function withHeartbeats<T>(batch: DeliveredBatch, consumer: string, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    batch.heartbeat().catch((error: unknown) => console.warn(`consumer ${consumer}: heartbeat on ${batch.topic}/${batch.partition} failed:`, error));
  }, heartbeatEveryMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export interface RunOptions {
  groupPrefix: string;
  retry?: RetryPolicy;
}

/** Starts a consumer with its dependencies and runs it on the bus until the subscription stops. */
export function runConsumer<In extends EventKindDefinition, Out extends EventKindDefinition>(
  definition: ConsumerDefinition<In, Out>,
  services: ConsumerDependencies & { bus: Bus },
  options: RunOptions,
): Promise<Subscription> {
  return runHandlers(definition, definition.start(services), services.bus, options);
}

/** Runs a started consumer's handlers on the bus until the subscription stops. */
export async function runHandlers<In extends EventKindDefinition, Out extends EventKindDefinition>(
  definition: ConsumerDefinition<In, Out>,
  handlers: ConsumerHandlers<In, Out>,
  bus: Bus,
  options: RunOptions,
): Promise<Subscription> {
  const retry = options.retry ?? defaultRetryPolicy;
  const context = consumerContext(definition, (events) => bus.produce(messagesByTopic(events)));
  const stopping = new AbortController();

  /** Handles events, returning the ones that must be dead-lettered; throws if they still fail after retries, or the consumer stops. */
  const handleWithRetries = async (events: { event: EventOfKinds<In>; message: DeliveredMessage }[], batch: DeliveredBatch) => {
    let permanentFailures = 0;
    return pRetry(
      async () => {
        const result = await handlers.handle(events.map((e) => e.event), context);
        const rejected = new Map(result?.rejected.map((r) => [r.event, r.error]));
        return events.flatMap(({ event, message }) => {
          const error = rejected.get(event);
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

  const handleBatch = async (batch: DeliveredBatch) => {
    const failures: Failure[] = [];
    const decoded: { event: EventOfKinds<In>; message: DeliveredMessage }[] = [];
    for (const message of batch.messages) {
      const result = decodeEvent(message.value, definition.reads);
      if ('error' in result) failures.push({ message, error: result.error });
      else if ('event' in result) decoded.push({ event: result.event, message });
    }
    if (decoded.length > 0) {
      try {
        failures.push(...(await handleWithRetries(decoded, batch)));
      } catch (error) {
        // Stopping, or the group lost (a heartbeat during a rebalance): the batch comes again, uncommitted.
        if (stopping.signal.aborted || isTransient(error)) throw error;
        // One poisoned message must not hold back the rest: retry each alone, dead-letter the ones that still fail.
        for (const one of decoded) {
          try {
            failures.push(...(await handleWithRetries([one], batch)));
          } catch (error) {
            if (stopping.signal.aborted || isTransient(error)) throw error;
            failures.push({ message: one.message, error: (error as Error).message });
          }
        }
      }
    }
    return failures;
  };

  const eachBatch = async (batch: DeliveredBatch) => {
    const labels = { consumer: definition.name, topic: batch.topic };
    const stopTimer = batchSeconds.startTimer(labels);
    const failures = await withHeartbeats(batch, definition.name, () => handleBatch(batch));
    if (failures.length > 0) {
      await bus.produce([deadLetter(batch, definition.name, failures)]);
      deadLetteredMessages.inc(labels, failures.length);
      // Said where the operator looks, not only counted: a task given up on (a URL not reached) is otherwise seen nowhere.
      const more = failures.length > 1 ? `, and ${failures.length - 1} more` : '';
      console.error(
        `consumer ${definition.name}: gave up on ${failures.length} message${failures.length > 1 ? 's' : ''} of ${batch.topic}, kept in ${dlqTopic(batch.topic)} ` +
          `(${failures[0]!.error}${more}); once the cause is fixed: npm run cli -- dlq replay ${batch.topic}`,
      );
    }
    processedMessages.inc(labels, batch.messages.length - failures.length);
    const last = batch.messages.at(-1);
    if (last) {
      consumerLag.set({ ...labels, partition: batch.partition }, Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n));
    }
    stopTimer();
  };

  const subscribed = await bus.subscribe({ groupId: consumerGroupId(definition, options.groupPrefix), topics: inputTopicsOf(definition), eachBatch });
  const subscription: Subscription = {
    async stop() {
      stopping.abort(new Error(`consumer ${definition.name} stopping`));
      await subscribed.stop();
    },
  };
  const running = handlers.periodic ? withPeriodicWork(subscription, definition.name, handlers.periodic, context) : subscription;
  return handlers.close ? closingHandlers(running, definition.name, handlers.close) : running;
}

/** Stops the subscription, then closes the handlers once; a failed close is logged. */
function closingHandlers(subscription: Subscription, name: string, close: () => Promise<void>): Subscription {
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= subscription.stop().then(() => close().catch((error: unknown) => console.error(`consumer ${name}: closing failed:`, error)));
      return stopping;
    },
  };
}

/** Runs the periodic work one run at a time until the subscription stops; a failed run is logged and the next one tries again. */
function withPeriodicWork<Out extends EventKindDefinition>(
  subscription: Subscription,
  name: string,
  periodic: NonNullable<ConsumerHandlers<EventKindDefinition, Out>['periodic']>,
  context: ConsumerContext<Out>,
): Subscription {
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
