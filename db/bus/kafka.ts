// The Bus on Apache Kafka via kafkajs: idempotent producer with acks=all, consumer groups with
// offsets committed only after a batch was handled. Callers name seed topics; on the cluster they
// live under the deployment's namespace.
import { Kafka, logLevel, type Admin, type Consumer, type EachBatchPayload, type Producer } from 'kafkajs';
import { naming } from '../dependency-failure.ts';
import { keyRememberingPartitioner } from './key-partitioner.ts';
import { deploymentTopic } from '../../schema/naming.ts';
import type { Bus, DeliveredBatch, OutgoingMessage, SubscribeOptions, Subscription } from './port.ts';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** How long a fetch waits for data; low in tests so shutdown is quick. */
  maxWaitTimeInMs?: number;
  /** LIFESTREAM_NAMESPACE: every topic is `<namespace>.<seed name>` on the cluster; empty for the seed names. */
  namespace?: string;
}

// Kafka refuses a record batch over the broker's message.max.bytes (1 MiB by default), and kafkajs
// sends each partition's share of a request as one record batch: keep requests well under it.
const maxRequestBytes = 512 * 1024;

/** How long /readyz waits for the broker to describe its cluster. */
const pingTimeoutMs = 3_000;

/** Splits batches into requests of at most maxBytes of keys and values (a larger single message goes alone). */
export function requestsWithin(batches: { topic: string; messages: OutgoingMessage[] }[], maxBytes: number) {
  const requests: { topic: string; messages: OutgoingMessage[] }[][] = [];
  let current: { topic: string; messages: OutgoingMessage[] }[] = [];
  let bytes = 0;
  for (const { topic, messages } of batches) {
    for (const message of messages) {
      const size = message.key.length + message.value.length;
      if (bytes + size > maxBytes && bytes > 0) {
        requests.push(current);
        current = [];
        bytes = 0;
      }
      const last = current.at(-1);
      if (last?.topic === topic) last.messages.push(message);
      else current.push({ topic, messages: [message] });
      bytes += size;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

export function openKafkaBus(options: KafkaBusOptions): Bus {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200 },
  });
  let producer: Promise<Producer> | undefined;
  let admin: Promise<Admin> | undefined;
  const consumers = new Set<Consumer>();
  const onCluster = (seedTopic: string) => deploymentTopic(options.namespace ?? '', seedTopic);

  /** A client connected once and shared; one that failed to connect (the broker away) is tried anew next time. */
  const connectedOnce = <T extends { connect(): Promise<void> }>(create: () => T, held: () => Promise<T> | undefined, hold: (client: Promise<T> | undefined) => void) => {
    const existing = held();
    if (existing) return existing;
    const client = create();
    const connecting = client.connect().then(() => client);
    hold(connecting);
    connecting.catch(() => hold(undefined));
    return connecting;
  };
  const connectedProducer = () =>
    connectedOnce(
      () => kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: keyRememberingPartitioner }),
      () => producer,
      (p) => (producer = p),
    );
  const connectedAdmin = () =>
    connectedOnce(
      () => kafka.admin(),
      () => admin,
      (a) => (admin = a),
    );

  return {
    produce: (batches) =>
      naming('bus', async () => {
        const producer = await connectedProducer();
        const onClusterBatches = batches.map(({ topic, messages }) => ({ topic: onCluster(topic), messages }));
        for (const topicMessages of requestsWithin(onClusterBatches, maxRequestBytes)) await producer.sendBatch({ topicMessages, acks: -1 });
      }),

    async backlog(groupId, topic) {
      const client = await connectedAdmin();
      const [ends, [committed]] = await Promise.all([client.fetchTopicOffsets(onCluster(topic)), client.fetchOffsets({ groupId, topics: [onCluster(topic)] })]);
      const committedAt = new Map(committed?.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      return ends.reduce((sum, { partition, low, high }) => {
        const from = committedAt.get(partition) ?? -1n;
        return sum + Number(BigInt(high) - (from >= BigInt(low) ? from : BigInt(low)));
      }, 0);
    },

    ping: () =>
      naming('bus', async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Kafka (${options.brokers.join(',')}) did not answer within ${pingTimeoutMs} ms`)), pingTimeoutMs);
        });
        try {
          await Promise.race([connectedAdmin().then((client) => client.describeCluster()), timeout]);
        } finally {
          clearTimeout(timer);
        }
      }),

    async subscribe({ groupId, topics, eachBatch, maxBytesPerPartition }: SubscribeOptions): Promise<Subscription> {
      const consumer = kafka.consumer({
        groupId,
        maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
        maxBytesPerPartition: maxBytesPerPartition ?? 4 * 1024 * 1024,
        allowAutoTopicCreation: false,
      });
      consumers.add(consumer);
      const seedTopicOf = new Map(topics.map((topic) => [onCluster(topic), topic]));
      await consumer.connect();
      await consumer.subscribe({ topics: [...seedTopicOf.keys()], fromBeginning: true });
      const handleBatch = async ({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const delivered: DeliveredBatch = {
          topic: seedTopicOf.get(batch.topic) ?? batch.topic,
          partition: batch.partition,
          highWatermark: batch.highWatermark,
          heartbeat,
          messages: batch.messages.map((m) => ({
            offset: m.offset,
            key: m.key?.toString() ?? null,
            value: m.value?.toString() ?? null,
            headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
          })),
        };
        const handled = await eachBatch(delivered);
        const through = handled?.handledThrough ?? batch.lastOffset();
        // Resolving moves the fetch position on; committing makes it survive a restart.
        resolveOffset(through);
        const next = (BigInt(through) + 1n).toString();
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        await heartbeat();
      };
      // The batch in flight, committed or not: a stop waits for it (a handler may stop its own subscription).
      const inFlight = new Set<Promise<void>>();
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const handling = handleBatch(payload);
          inFlight.add(handling);
          try {
            await handling;
          } finally {
            inFlight.delete(handling);
          }
        },
      });
      return {
        async stop() {
          consumers.delete(consumer);
          await Promise.allSettled(inFlight);
          await consumer.disconnect();
        },
      };
    },

    async close() {
      await Promise.all([...consumers].map((c) => c.disconnect()));
      consumers.clear();
      await Promise.all(
        [producer, admin].map(async (client) => {
          const connected = await client?.catch(() => undefined);
          await connected?.disconnect();
        }),
      );
    },
  };
}
