// `npm run bench:live`: latency from an ingest mutation to delivery on live subscribers, with 1, 100
// and 1000 of them, beside a raw Redis pub/sub round trip to as many subscribers in the same run.
import { Command, Option } from 'commander';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';

interface Options {
  subscribers: number[];
  samples: number;
  modes: TestMode[];
}

interface Row {
  mode: TestMode;
  path: string;
  subscribers: number;
  /** Milliseconds from send to each delivery, every subscriber of every sample. */
  deliveries: number[];
  /** Milliseconds from send to the last subscriber's delivery, per sample. */
  lastDeliveries: number[];
}

function parseOptions(): Options {
  return new Command('bench:live')
    .description('Measures ingest-to-subscriber latency, beside raw Redis pub/sub.')
    .option('--subscribers <n...>', 'subscriber counts to measure', (v, all: number[] | undefined) => [...(all ?? []), positiveInteger(v)])
    .option('--samples <n>', 'single-event mutations per subscriber count, one at a time', positiveInteger, 50)
    .addOption(new Option('--modes <modes...>', 'deployments to measure').choices(['server', 'embedded']).default(['server', 'embedded']))
    .parse()
    .opts<Options>();
}

/** Waits until every subscriber has counted one delivery more than before; returns their delays. */
class Deliveries {
  private sentAt = 0;
  private delays: number[] = [];
  private done?: () => void;
  constructor(private readonly expected: number) {}

  arrive(): void {
    this.delays.push(performance.now() - this.sentAt);
    if (this.delays.length === this.expected) this.done?.();
  }

  async measure(send: () => Promise<void>): Promise<number[]> {
    this.delays = [];
    const all = new Promise<void>((resolve) => (this.done = resolve));
    this.sentAt = performance.now();
    await send();
    await all;
    return this.delays;
  }
}

async function measureSamples(path: string, mode: TestMode, subscribers: number, samples: number, deliveries: Deliveries, send: (n: number) => Promise<void>): Promise<Row> {
  const row: Row = { mode, path, subscribers, deliveries: [], lastDeliveries: [] };
  for (let n = 0; n < samples; n++) {
    const delays = await deliveries.measure(() => send(n));
    row.deliveries.push(...delays);
    row.lastDeliveries.push(Math.max(...delays));
  }
  return row;
}

async function throughLifestream(h: Harness, mode: TestMode, subscribers: number, samples: number): Promise<Row> {
  const device = uniqueDevice('bench-live');
  const deliveries = new Deliveries(subscribers);
  const clients: Client[] = [];
  let acknowledged = 0;
  const allSubscribed = new Promise<void>((resolve) => {
    for (let i = 0; i < subscribers; i++) {
      const client = createClient({ url: h.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${h.adminToken}` } });
      clients.push(client);
      let first = true;
      client.subscribe(
        { query: 'subscription($d: [ID!]) { timeline(deviceIds: $d) { cursor } }', variables: { d: [device] } },
        {
          next: () => {
            if (!first) return deliveries.arrive();
            first = false;
            if (++acknowledged === subscribers) resolve();
          },
          error: (error) => console.error(error),
          complete: () => {},
        },
      );
    }
  });
  const ingest = async (n: number) => {
    const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number; errors: { message: string }[] } }>(
      `mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount errors { message } } }`,
      { e: [{ deviceId: device, time: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), bpm: 60 }] },
    );
    if (result.data?.ingestHeartRate.acceptedCount !== 1) throw new Error(`ingest refused: ${JSON.stringify(result)}`);
  };
  // Every subscriber is live once each has seen a warm-up event; warm-ups go out until all have.
  let warmUps = 0;
  while (acknowledged < subscribers) {
    await ingest(1_000_000 + warmUps++);
    await Promise.race([allSubscribed, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  // Warm-ups still in flight land now, not in the first sample.
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    return await measureSamples('mutation → subscriber (graphql-ws)', mode, subscribers, samples, deliveries, ingest);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

async function throughRawRedis(redisUrl: string, subscribers: number, samples: number): Promise<Row> {
  const channel = `bench-live-${uniqueDevice('redis')}`;
  const deliveries = new Deliveries(subscribers);
  const connections = Array.from({ length: subscribers }, () => new Redis(redisUrl));
  const publisher = new Redis(redisUrl);
  try {
    for (const connection of connections) {
      connection.on('message', () => deliveries.arrive());
      await connection.subscribe(channel);
    }
    return await measureSamples('raw Redis PUBLISH → SUBSCRIBE', 'server', subscribers, samples, deliveries, async (n) => void (await publisher.publish(channel, JSON.stringify({ n }))));
  } finally {
    connections.forEach((c) => c.disconnect());
    publisher.disconnect();
  }
}

async function measureMode(mode: TestMode, options: Options): Promise<Row[]> {
  const h = await startHarness(mode, { LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN: '100000', LIFESTREAM_RATE_LIMIT_PER_MINUTE: '1000000' });
  const rows: Row[] = [];
  try {
    await h.startPersistence();
    for (const subscribers of options.subscribers) {
      rows.push(await throughLifestream(h, mode, subscribers, options.samples));
      if (h.env.REDIS_URL) rows.push(await throughRawRedis(h.env.REDIS_URL, subscribers, options.samples));
    }
  } finally {
    await h.close();
  }
  return rows;
}

function formatTable(rows: Row[]): string {
  const ms = (values: number[], p: number) => percentile(values, p).toFixed(1);
  return [
    '| mode | path | subscribers | p50 ms | p99 ms | last subscriber p50 ms | last subscriber p99 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.mode} | ${r.path} | ${r.subscribers} | ${ms(r.deliveries, 50)} | ${ms(r.deliveries, 99)} | ${ms(r.lastDeliveries, 50)} | ${ms(r.lastDeliveries, 99)} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions();
  options.subscribers ??= [1, 100, 1000];
  const rows: Row[] = [];
  for (const mode of options.modes) rows.push(...(await measureMode(mode, options)));
  console.log(formatTable(rows));
  console.log(`${options.samples} single-event mutations (or publishes) per row, one at a time; subscribers run in the benchmark's process.`);
  console.log(machineLine());
}

await main();
