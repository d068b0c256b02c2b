// Prometheus metrics of the consumer runtime, registered once per process on the shared registry.
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../db/metrics.ts';

export const processedMessages = new Counter({
  name: 'lifestream_consumer_processed_total',
  help: 'Messages a consumer handled successfully.',
  labelNames: ['consumer', 'topic'],
  registers: [metricsRegistry],
});

export const failedAttempts = new Counter({
  name: 'lifestream_consumer_failed_attempts_total',
  help: 'Batch handling attempts that threw and were retried.',
  labelNames: ['consumer', 'topic'],
  registers: [metricsRegistry],
});

export const deadLetteredMessages = new Counter({
  name: 'lifestream_consumer_dead_lettered_total',
  help: 'Messages sent to a dead-letter topic.',
  labelNames: ['consumer', 'topic'],
  registers: [metricsRegistry],
});

export const batchSeconds = new Histogram({
  name: 'lifestream_consumer_batch_seconds',
  help: 'Time to handle one batch, retries included.',
  labelNames: ['consumer', 'topic'],
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  registers: [metricsRegistry],
});

export const consumerLag = new Gauge({
  name: 'lifestream_consumer_lag',
  help: 'Messages on the partition after the last one handled.',
  labelNames: ['consumer', 'topic', 'partition'],
  registers: [metricsRegistry],
});

