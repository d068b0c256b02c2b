// The raw paths an ingest path is measured beside, in the same run: the bus's own producer
// (kafkajs with acks=all in server mode, the fsynced in-process log when embedded) and PostgreSQL's
// COPY into the kind's table, both with heart-rate events of the API's shape and size.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { tableName } from '../db/tables.ts';
import { encodeEvent, newEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';
import { startGroupAtEnd } from '../test/kafka-offsets.ts';
import { chunks, inParallel, startClock, type Measurement, type ThroughputOptions } from './throughput.ts';

export interface HeartRateSample {
  deviceId: string;
  time: string;
  bpm: number;
}

const dayMs = 86_400_000;

/** Unique millisecond times spread over a day that ended a day ago, so none is in the future. */
export function heartRateSeries(deviceId: string, count: number): HeartRateSample[] {
  const start = Date.now() - 2 * dayMs;
  const step = Math.max(1, Math.floor(dayMs / count));
  return Array.from({ length: count }, (_, i) => ({ deviceId, time: new Date(start + i * step).toISOString(), bpm: 50 + (i % 1000) / 10 }));
}

/** Envelopes for a baseline: the same shape and size as the API's, on a device of their own. */
export function baselineEnvelopes(label: string, events: number): Event<typeof heartRate>[] {
  const receivedAt = new Date();
  // The event the API would put on the bus for this sample (see api/ingest/accept.ts).
  return heartRateSeries(uniqueDevice(label), events).map((s) => newEvent(heartRate, { deviceId: s.deviceId, time: new Date(s.time), payload: { bpm: s.bpm } }, receivedAt));
}

export async function rawProduce(h: Harness, envelopes: Event[], options: Pick<ThroughputOptions, 'batch' | 'concurrency'>, label: string): Promise<Measurement> {
  const bus = h.rawBus();
  const batches = chunks(
    envelopes.map((e) => ({ key: e.deviceId, value: encodeEvent(e) })),
    options.batch,
  );
  const lap = startClock();
  await inParallel(batches, options.concurrency, (messages) => bus.produce([{ topic: heartRate.topic, messages }]));
  return lap(`baseline: ${label} produce (${options.batch}/batch, ${options.concurrency} in flight)`, envelopes.length);
}

/** The raw producer of the mode: what a path through the bus can at most reach. */
export const rawProduceOf = (mode: TestMode, h: Harness, events: number, options: Pick<ThroughputOptions, 'batch' | 'concurrency'>) =>
  mode === 'server'
    ? rawProduce(h, baselineEnvelopes('bench-kafka', events), options, 'kafkajs, acks=all,')
    : rawProduce(h, baselineEnvelopes('bench-log', events), options, 'in-process log, fsynced,');

const copyLine = (e: Event<typeof heartRate>) => `${e.id}\t${e.deviceId}\t${e.time.toISOString()}\t${e.receivedAt.toISOString()}\t${e.payload.bpm}\n`;

export async function copyIntoTable(h: Harness, envelopes: Event<typeof heartRate>[], options: Pick<ThroughputOptions, 'batch'>): Promise<Measurement> {
  const sql = postgres(h.services.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const text = chunks(envelopes, options.batch).map((batch) => batch.map(copyLine).join(''));
    const lap = startClock();
    const copy = await sql.unsafe(`COPY ${tableName(heartRate)} (id, device_id, time, received_at, bpm) FROM STDIN`).writable();
    await pipeline(Readable.from(text), copy);
    return lap('baseline: PostgreSQL COPY FROM STDIN (one stream)', envelopes.length);
  } finally {
    await sql.end();
  }
}

/**
 * A consumer group for rawConsume that reads what is produced from now on: on a shared stack's
 * topics (server mode without a namespace) it starts at their ends, which hold every earlier run's
 * messages; a namespaced or embedded deployment's topics hold only this run's.
 */
export async function rawConsumeGroup(h: Harness): Promise<string> {
  const groupId = uniqueDevice('bench-raw-consume');
  const { KAFKA_BROKERS: brokers, LIFESTREAM_NAMESPACE: namespace } = h.services.config;
  if (brokers && !namespace) await startGroupAtEnd(brokers, groupId, [heartRate.topic]);
  return groupId;
}

/**
 * The bus's own consumer, doing nothing with what it reads: the group's whole backlog of the
 * heart-rate topic, timed from its first batch to its last message. With the raw producer and COPY
 * it is the least any path through the bus into a table costs.
 */
export async function rawConsume(h: Harness, mode: TestMode, groupId: string): Promise<Measurement> {
  const bus = h.rawBus();
  const messages = await bus.backlog(groupId, heartRate.topic);
  let lap: ReturnType<typeof startClock> | undefined;
  let read = 0;
  let resolve: (m: Measurement) => void = () => {};
  const done = new Promise<Measurement>((r) => (resolve = r));
  const subscription = await bus.subscribe({
    groupId,
    topics: [heartRate.topic],
    eachBatch: async (batch) => {
      lap ??= startClock();
      read += batch.messages.length;
      if (read >= messages) resolve(lap(`baseline: ${mode === 'server' ? 'kafkajs' : 'in-process log'} consume (the messages produced since the group started, nothing done with them)`, read));
    },
  });
  try {
    return await done;
  } finally {
    await subscription.stop();
  }
}
