// The Bus port: topics, keyed messages, consumer groups with at-least-once delivery. kafka.ts is the
// real implementation; the in-process one for the embedded default sits beside it. Topics are the
// catalogue's seed names: where a deployment's namespace applies, the implementation applies it.

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface DeliveredMessage {
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface DeliveredBatch {
  topic: string;
  partition: number;
  messages: DeliveredMessage[];
  /** Offset after the newest message on the partition, for lag. */
  highWatermark: string;
  /**
   * Tells the group this member is alive. Call it every few seconds while a batch takes long (Kafka
   * hands a silent member's partitions to another after its session timeout, and the batch is then
   * handled twice). Rejects when the group is rebalancing; the batch in hand may still be finished.
   */
  heartbeat(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Resolving commits the batch's offsets; rejecting redelivers it. */
  eachBatch: (batch: DeliveredBatch) => Promise<void>;
  /** Most bytes fetched per partition at once. */
  maxBytesPerPartition?: number;
}

export interface Subscription {
  /** Stops fetching, lets the batch in flight finish and commit, then leaves the group. */
  stop(): Promise<void>;
}

export interface Bus {
  /** Resolves once every message is durable (acks from all in-sync replicas). */
  produce(batches: { topic: string; messages: OutgoingMessage[] }[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
