// `npm run bench:federation`: latency of Memo.context and of a typical timeline ⋈ memos join
// through Trino, beside the same join in PostgreSQL alone (ogr_fdw's foreign tables, no Trino),
// and Memo.context on the embedded default (the file read directly), in one run.
import { Command } from 'commander';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertEvents } from '../db/persist.ts';
import { connectTrino, trinoRows } from '../db/trino.ts';
import { newEvent } from '../schema/event-codec.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { buildMemosDb, type FixtureMemo } from '../test/fixtures/memos-db.ts';
import { startHarness, uniqueDevice, type Harness } from '../test/harness.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';

interface Options {
  memos: number;
  heartRates: number;
  samples: number;
}

const day = Date.UTC(2026, 5, 1);

function parseOptions(): Options {
  return new Command('bench:federation')
    .description('Measures Memo.context and a timeline ⋈ memos join through Trino, beside PostgreSQL alone and the embedded default.')
    .option('--memos <n>', 'memos spread over the day', positiveInteger, 200)
    .option('--heart-rates <n>', 'heart-rate events spread over the day', positiveInteger, 5000)
    .option('--samples <n>', 'runs of each measurement', positiveInteger, 20)
    .parse()
    .opts<Options>();
}

function memosOfDay(count: number): FixtureMemo[] {
  return Array.from({ length: count }, (_, i) => ({
    uid: `bench-${i}`,
    createdAt: new Date(day + Math.floor((i * 86_400_000) / count)),
    content: `note ${i} #bench${i % 5 === 0 ? ' #health' : ''}`,
    tags: i % 5 === 0 ? ['bench', 'health'] : ['bench'],
  }));
}

function heartRatesOfDay(device: string, count: number) {
  const receivedAt = new Date();
  return Array.from({ length: count }, (_, i) =>
    newEvent(heartRate, { deviceId: device, time: new Date(day + Math.floor((i * 86_400_000) / count)), payload: { bpm: 60 + (i % 60) } }, receivedAt),
  );
}

async function timed(samples: number, run: () => Promise<void>): Promise<number[]> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return ms;
}

const contextQuery = `query($d: [ID!]) { memos(tags: ["health"], first: 10) { edges { node { id context(window: 600, deviceIds: $d, kinds: [HEART_RATE]) { edges { cursor } } } } } }`;

async function prepare(h: Harness, options: Options, device: string): Promise<void> {
  await insertEvents(h.services.store, heartRatesOfDay(device, options.heartRates));
}

async function checkedGraphql(h: Harness, query: string, variables: Record<string, unknown>): Promise<void> {
  const result = await h.graphql(query, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

/** Heart rates within ten minutes of each memo, per memo: the join every path runs. */
const joinSql = (memoTable: string, heartRateTable: string, device: string, fromUnix: (column: string) => string) =>
  `SELECT m.uid, count(h.id) AS n FROM ${memoTable} m LEFT JOIN ${heartRateTable} h ON h.device_id = '${device}'
   AND h.time BETWEEN ${fromUnix('m.created_ts')} - INTERVAL '10' MINUTE AND ${fromUnix('m.created_ts')} + INTERVAL '10' MINUTE GROUP BY m.uid`;

async function main(): Promise<void> {
  const options = parseOptions();
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-bench-memos-'));
  const memosDb = join(dir, 'memos_prod.db');
  buildMemosDb(memosDb, memosOfDay(options.memos));
  chmodSync(dir, 0o711);
  chmodSync(memosDb, 0o644);
  const rows: [string, number[]][] = [];

  const server = await startHarness('server', { MEMOS_DB: memosDb });
  try {
    if (!server.env.TRINO_URL) throw new Error('the local stack has no Trino: run npm run stack -- up');
    const device = uniqueDevice('bench-federation');
    await prepare(server, options, device);
    const trino = connectTrino({ url: server.env.TRINO_URL, user: server.services.config.TRINO_USER }, server.env.TRINO_TIMELINE_CATALOG, 'public');
    rows.push(['server: Memo.context of 10 memos (memos through Trino, context from PostgreSQL), GraphQL', await timed(options.samples, () => checkedGraphql(server, contextQuery, { d: [device] }))]);
    rows.push([
      `server: join ${options.memos} memos ⋈ ${options.heartRates} heart rates (±10 min) through Trino`,
      await timed(options.samples, async () => void (await trinoRows(trino, joinSql(`${server.env.TRINO_MEMOS_CATALOG}.memos.memo`, 'heart_rate', device, (c) => `from_unixtime(${c})`)))),
    ]);
    rows.push([
      'baseline: the same join in PostgreSQL alone (ogr_fdw foreign table, no Trino)',
      await timed(options.samples, async () => void (await server.services.store.query(joinSql('memos.memo', 'heart_rate', device, (c) => `to_timestamp(${c})`)))),
    ]);
  } finally {
    await server.close();
  }

  const embedded = await startHarness('embedded', { MEMOS_DB: memosDb });
  try {
    const device = uniqueDevice('bench-federation');
    await prepare(embedded, options, device);
    rows.push(['embedded: Memo.context of 10 memos (memos from the SQLite file), GraphQL', await timed(options.samples, () => checkedGraphql(embedded, contextQuery, { d: [device] }))]);
  } finally {
    await embedded.close();
  }

  console.log('| path | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: |');
  for (const [path, ms] of rows) console.log(`| ${path} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} |`);
  console.log(`${options.samples} runs each after one warm-up; ${options.memos} memos and ${options.heartRates} heart rates over one day.`);
  console.log(machineLine());
}

await main();
