// The Bus on Apache Kafka via kafkajs: idempotent producer with acks=all, consumer groups with
// offsets committed only after a batch was handled.
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import type { Bus, DeliveredBatch, SubscribeOptions, Subscription } from './port.ts';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** How long a fetch waits for data; low in tests so shutdown is quick. */
  maxWaitTimeInMs?: number;
}

export function openKafkaBus(options: KafkaBusOptions): Bus {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200 },
  });
  let producer: Promise<Producer> | undefined;
  const consumers = new Set<Consumer>();

  const connectedProducer = () => {
    producer ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await p.connect();
      return p;
    })();
    return producer;
  };

  return {
    async produce(batches) {
      const topicMessages = batches.filter((b) => b.messages.length > 0);
      if (topicMessages.length === 0) return;
      await (await connectedProducer()).sendBatch({ topicMessages, acks: -1 });
    },

    async subscribe({ groupId, topics, eachBatch, maxBytesPerPartition }: SubscribeOptions): Promise<Subscription> {
      const consumer = kafka.consumer({
        groupId,
        maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
        maxBytesPerPartition: maxBytesPerPartition ?? 4 * 1024 * 1024,
        allowAutoTopicCreation: false,
      });
      consumers.add(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const delivered: DeliveredBatch = {
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            messages: batch.messages.map((m) => ({
              offset: m.offset,
              key: m.key?.toString() ?? null,
              value: m.value?.toString() ?? null,
              headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
            })),
          };
          await eachBatch(delivered);
          // Resolving moves the fetch position on; committing makes it survive a restart.
          resolveOffset(batch.lastOffset());
          const next = (BigInt(batch.lastOffset()) + 1n).toString();
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
          await heartbeat();
        },
      });
      return {
        async stop() {
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },

    async close() {
      await Promise.all([...consumers].map((c) => c.disconnect()));
      consumers.clear();
      if (producer) await (await producer).disconnect();
    },
  };
}
