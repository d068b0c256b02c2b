// `npm run bench:timeline`: what the web app asks. A busy day (N heart-rate samples plus the fixture
// day, ingested through GraphQL): timelineBuckets at the app's bucket sizes, a page of events, a text
// search. A year of ten million events across kinds (written with generate_series): timelineBuckets
// and timelineBucketSeries at every zoom level of the app. A year of a million notifications: timeline(text:) through the
// trigram index, in time order and in relevance order, beside the same search reading every row. Each figure through GraphQL over HTTP beside its raw-SQL baselines,
// same run: the same SQL sent straight to the database, and the buckets computed from the rows.
import { Command, Option } from 'commander';
import { catalogue } from '../schema/catalogue.ts';
import { alignToBuckets, bucketSecondsFor } from '../web/src/timeline/scale.ts';
import { rawTimelineBucketsQuery, timelineBucketsQuery, type BucketFilter } from '../db/timeline-buckets.ts';
import { tableName } from '../db/tables.ts';
import { timelineQuery } from '../db/timeline-query.ts';
import { relevanceTimelineQuery } from '../db/timeline-relevance.ts';
import { fixtureDay } from '../scripts/demo/fixture-day.ts';
import { ingestFixture } from '../scripts/demo/ingest-fixture.ts';
import { eventually, startHarness, uniqueDevice, type Harness, type TestMode } from '../test/harness.ts';
import { generateYear } from './generated-year.ts';
import { machineLine, percentile, positiveInteger, profiled } from './measure.ts';

interface Options {
  events: number;
  samples: number;
  year: boolean;
  width: number;
  modes: TestMode[];
  /** Seconds between the year's heart-rate samples. */
  heartRateEvery: number;
  /** Where to write a CPU profile of each query's GraphQL requests (chrome://inspect, speedscope). */
  cpuProfile?: string;
  /** Notifications written for the text search at scale; 0 skips it. */
  textEvents: number;
}

const options = new Command('bench:timeline')
  .description('Measures the timeline queries the web app makes on a busy day and at every zoom level over a year.')
  .option('--events <n>', 'heart-rate samples in the day', positiveInteger, 100_000)
  .option('--samples <n>', 'requests per query', positiveInteger, 30)
  .option('--no-year', 'skip the year of ten million events')
  .option('--text-events <n>', 'notifications written over a year for the text search at scale (0 skips it)', (value) => (value === '0' ? 0 : positiveInteger(value)), 1_000_000)
  .option('--heart-rate-every <s>', "seconds between the year's heart-rate samples (4: 7.9 million; 60 writes the year in a tenth of the time)", positiveInteger, 4)
  .option('--cpu-profile <dir>', "write a CPU profile of each query's GraphQL requests to <dir>/<mode>-<query>.cpuprofile")
  .option('--width <px>', 'width of the timeline the app draws, which sets its bucket sizes', positiveInteger, 1200)
  .addOption(new Option('--modes <modes...>', 'deployments to measure').choices(['server', 'embedded']).default(['server', 'embedded']))
  .parse()
  .opts<Options>();

const day = new Date('2026-06-01T00:00:00Z');
const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };
const dayMs = 86_400_000;
const yearFrom = new Date('2025-01-01T00:00:00Z');
/** The app's zoom levels, each a window inside the generated year. */
const zoomLevels = [
  { name: 'year', fromMs: yearFrom.getTime(), spanMs: 365 * dayMs },
  { name: 'month', fromMs: Date.parse('2025-06-01T00:00:00Z'), spanMs: 30 * dayMs },
  { name: 'week', fromMs: Date.parse('2025-06-02T00:00:00Z'), spanMs: 7 * dayMs },
  { name: 'day', fromMs: Date.parse('2025-06-03T00:00:00Z'), spanMs: dayMs },
  { name: 'hour', fromMs: Date.parse('2025-06-03T12:00:00Z'), spanMs: 3_600_000 },
];

interface Row {
  mode: TestMode;
  query: string;
  graphqlMs: number[];
  sameSqlMs: number[];
  fromRowsMs?: number[];
}
const rows: Row[] = [];
const notes: string[] = [];

async function timed(samples: number, run: () => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return ms;
}

async function graphqlTimes(h: Harness, mode: TestMode, what: string, query: string, variables: Record<string, unknown>) {
  const profileName = `${mode}-${what.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80)}`;
  return profiled(options.cpuProfile, profileName, () =>
    timed(options.samples, async () => {
      const result = await h.graphql(query, variables);
      if (result.errors) throw new Error(`${what}: ${JSON.stringify(result.errors)}`);
    }),
  );
}

const sqlTimes = (h: Harness, samples: number, statement: { sql: string; params: unknown[] }) => timed(samples, () => h.services.store.query(statement.sql, statement.params));

const bucketsQuery = `query($from: DateTime!, $to: DateTime!, $s: Int!, $text: String) { timelineBuckets(from: $from, to: $to, bucketSeconds: $s, text: $text, perDevice: true) { kind deviceId start count min avg max } }`;

const seriesQuery = `query($from: DateTime!, $to: DateTime!, $s: Int!, $text: String) { timelineBucketSeries(from: $from, to: $to, bucketSeconds: $s, text: $text, perDevice: true) { kind deviceId starts counts min avg max } }`;

/** The same buckets as series, beside the buckets' row of the same run; notes both answers' sizes. */
async function seriesRow(h: Harness, mode: TestMode, what: string, filter: BucketFilter) {
  const variables = { from: filter.from.toISOString(), to: filter.to.toISOString(), s: filter.bucketSeconds };
  const query = `timelineBucketSeries, ${what}`;
  rows.push({ mode, query, graphqlMs: await graphqlTimes(h, mode, query, seriesQuery, variables), sameSqlMs: await sqlTimes(h, options.samples, timelineBucketsQuery(filter)) });
  const kB = async (document: string) => (JSON.stringify(await h.graphql(document, variables)).length / 1000).toFixed(0);
  notes.push(`${mode}: ${what}: timelineBuckets answers ${await kB(bucketsQuery)} kB of JSON, timelineBucketSeries ${await kB(seriesQuery)} kB.`);
}

async function bucketsRow(h: Harness, mode: TestMode, query: string, filter: BucketFilter, rowSamples: number) {
  const variables = { from: filter.from.toISOString(), to: filter.to.toISOString(), s: filter.bucketSeconds };
  rows.push({
    mode,
    query,
    graphqlMs: await graphqlTimes(h, mode, query, bucketsQuery, variables),
    sameSqlMs: await sqlTimes(h, options.samples, timelineBucketsQuery(filter)),
    fromRowsMs: await sqlTimes(h, rowSamples, rawTimelineBucketsQuery(filter)),
  });
}

/**
 * Seconds from storedAt until autovacuum (not the bench) has analysed the table since `written` rows
 * came in: until then PostgreSQL plans a freshly written table without statistics. Undefined after 120 s.
 */
async function untilAnalysed(h: Harness, table: string, written: number, storedAt: number): Promise<number | undefined> {
  while (performance.now() - storedAt < 120_000) {
    const [stats] = await h.services.store.query<{ unanalysed: string }>(`SELECT n_mod_since_analyze::text AS unanalysed FROM pg_stat_user_tables WHERE relname = $1`, [table]);
    if (Number(stats?.unanalysed ?? written) < written / 10) return (performance.now() - storedAt) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

async function benchDay(h: Harness, mode: TestMode) {
  const watch = uniqueDevice('bench-watch');
  // The fixture day on devices of its own: a fixture sample equal to a bench one would be the same event.
  const devices = { watch: uniqueDevice('bench-fixture-watch'), phone: uniqueDevice('bench-phone'), laptop: uniqueDevice('bench-laptop') };
  const fixture = fixtureDay(day, devices);
  const spacingMs = dayMs / options.events;
  const heartRates = Array.from({ length: options.events }, (_, i) => ({ heartRate: { deviceId: watch, time: new Date(day.getTime() + Math.floor(i * spacingMs)).toISOString(), bpm: 60 + (i % 90) } }));
  await ingestFixture(h.url, h.adminToken, [...fixture, ...heartRates]);
  const total = fixture.length + options.events;
  await eventually(async () => {
    // Only this run's devices: in server mode other runs may produce to the same topics.
    const r = await h.graphql<{ timelineBuckets: { count: number }[] }>(`query($d: [ID!]) { timelineBuckets(from: "${range.from}", to: "${range.to}", bucketSeconds: 86400, deviceIds: $d) { count } }`, { d: [watch, ...Object.values(devices)] });
    return r.data?.timelineBuckets.reduce((s, b) => s + b.count, 0) === total ? true : undefined;
  }, 'the day to be stored', 1200);
  const storedAt = performance.now();

  const dayFilter = { from: new Date(range.from), to: new Date(range.to), kinds: catalogue, perDevice: true };
  await bucketsRow(h, mode, `timelineBuckets, a day of ${total} events, 5-minute buckets, all kinds`, { ...dayFilter, bucketSeconds: 300 }, options.samples);
  await bucketsRow(h, mode, `timelineBuckets, a day of ${total} events, 1-minute buckets, all kinds`, { ...dayFilter, bucketSeconds: 60 }, options.samples);
  const page = timelineQuery({ ...dayFilter, limit: 1000 });
  rows.push({
    mode,
    query: 'timeline, first 1000 events of the day, right after the import',
    graphqlMs: await graphqlTimes(h, mode, 'timeline', `query($from: DateTime!, $to: DateTime!) { timeline(from: $from, to: $to, first: 1000) { edges { node { id kind time headline } } } }`, range),
    sameSqlMs: await sqlTimes(h, options.samples, page),
  });
  const analysedAfterS = await untilAnalysed(h, 'heart_rate', total, storedAt);
  rows.push({
    mode,
    query: analysedAfterS === undefined ? 'timeline, first 1000 events of the day, not analysed by autovacuum within 120 s' : `timeline, first 1000 events of the day, once autovacuum analysed it (${analysedAfterS.toFixed(0)} s after the import)`,
    graphqlMs: await graphqlTimes(h, mode, 'timeline analysed', `query($from: DateTime!, $to: DateTime!) { timeline(from: $from, to: $to, first: 1000) { edges { node { id kind time headline } } } }`, range),
    sameSqlMs: await sqlTimes(h, options.samples, page),
  });
  rows.push({
    mode,
    query: 'timeline(text: "design review") over the day',
    graphqlMs: await graphqlTimes(h, mode, 'text', `query($from: DateTime!, $to: DateTime!) { timeline(from: $from, to: $to, text: "design review", first: 1000) { edges { node { id } } } }`, range),
    sameSqlMs: await sqlTimes(h, options.samples, timelineQuery({ ...dayFilter, text: 'design review', limit: 1000 })),
  });
}

/**
 * A year of `count` notifications written with generate_series, one in a thousand saying "aurora
 * forecast" (a third of those only that, a third twice in a longer text, a third once in a sentence,
 * so their relevance differs); `timeline(text:)` over the whole year in time and in relevance order,
 * each beside the same SQL and the same SQL with index scans turned off (what a search without the
 * trigram index reads: every row of the range).
 */
async function benchTextSearch(h: Harness, mode: TestMode, count: number) {
  const device = uniqueDevice('bench-text');
  const started = performance.now();
  await h.services.store.query(
    `INSERT INTO notification (id, device_id, time, received_at, package_name, app_name, action, title, text)
     SELECT 'text-' || n, $1, $2::timestamptz + n * ($3::double precision * interval '1 second'), now(), 'org.bench',
       (ARRAY['Mail', 'Chat', 'Calendar', 'News'])[1 + n % 4], 'POSTED',
       'Message ' || n || ' about ' || (ARRAY['lunch', 'budget', 'travel', 'weather', 'review', 'invoice'])[1 + (n * 7) % 6],
       CASE WHEN n % 3000 = 0 THEN 'aurora forecast'
         WHEN n % 3000 = 1000 THEN 'aurora forecast: the aurora forecast for issue ' || n || ', ' || md5(n::text) || ' ' || md5((n + 1)::text)
         WHEN n % 1000 = 0 THEN 'the quarterly aurora forecast, issue ' || n
         ELSE md5(n::text) || ' ' || (ARRAY['see you soon', 'call me back', 'running late', 'thanks a lot'])[1 + n % 4] END
     FROM generate_series(0, $4::int - 1) AS n`,
    [device, yearFrom.toISOString(), (365 * 86_400) / count, count],
  );
  await h.services.store.query('ANALYZE notification');
  notes.push(`${mode}: ${count.toLocaleString('en')} notifications written for the text search in ${((performance.now() - started) / 1000).toFixed(0)} s, trigram index included.`);
  const year = { from: yearFrom, to: new Date(yearFrom.getTime() + 365 * dayMs) };
  const filter = { ...year, kinds: catalogue, deviceIds: [device], text: 'aurora forecast', limit: 100 };
  const variables = { from: year.from.toISOString(), to: year.to.toISOString(), d: [device] };
  const matching = `over a year of ${count.toLocaleString('en')} notifications (${Math.ceil(count / 1000)} match), first 100`;
  const orders = [
    { order: 'TIME', search: timelineQuery(filter), selection: 'node { id }' },
    { order: 'RELEVANCE', search: relevanceTimelineQuery(filter), selection: 'relevance node { id }' },
  ];
  for (const { order, search, selection } of orders) {
    const sequential = await timed(3, () =>
      h.services.store.transaction([{ text: 'SET LOCAL enable_indexscan = off', params: [] }, { text: 'SET LOCAL enable_bitmapscan = off', params: [] }, { text: search.sql, params: search.params }]),
    );
    const [plan] = await h.services.store.transaction<{ 'QUERY PLAN': string }>([{ text: `EXPLAIN ${search.sql}`, params: search.params }]);
    const readsIndex = plan!.some((line) => /notification_text_idx/.test(line['QUERY PLAN']));
    notes.push(`${mode}: order: ${order}: the plan ${readsIndex ? 'reads' : 'does NOT read'} the trigram index notification_text_idx.`);
    rows.push({
      mode,
      query: `timeline(text: "aurora forecast", order: ${order}) ${matching}`,
      graphqlMs: await graphqlTimes(
        h,
        mode,
        `text at scale, ${order}`,
        `query($from: DateTime!, $to: DateTime!, $d: [ID!]) { timeline(from: $from, to: $to, deviceIds: $d, text: "aurora forecast", order: ${order}, first: 100) { edges { ${selection} } } }`,
        variables,
      ),
      sameSqlMs: await sqlTimes(h, options.samples, search),
      fromRowsMs: sequential,
    });
  }
}

async function benchYear(h: Harness, mode: TestMode) {
  const started = performance.now();
  const events = await generateYear(h.services.store, uniqueDevice('bench-year'), yearFrom, options.heartRateEvery, (month) => process.stderr.write(`\r${mode}: generating the year, month ${month} of 12`));
  const seconds = (performance.now() - started) / 1000;
  const [size] = await h.services.store.query<{ rollups: string; events: string }>(
    `SELECT pg_total_relation_size('timeline_rollup')::text AS rollups, (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relname = ANY($1::text[]))::text AS events`,
    [catalogue.map(tableName)],
  );
  const perMillion = (bytes: string | undefined) => ((Number(bytes) / events) * 1e6) / 2 ** 20;
  notes.push(
    `${mode}: the year holds ${events.toLocaleString('en')} events (written in ${seconds.toFixed(0)} s with the rollups' triggers on); ` +
      `rollups ${perMillion(size?.rollups).toFixed(2)} MiB per million events, the event tables ${perMillion(size?.events).toFixed(1)} MiB per million (with indexes).`,
  );
  for (const level of zoomLevels) {
    const window = { fromMs: level.fromMs, toMs: level.fromMs + level.spanMs };
    const bucketSeconds = bucketSecondsFor(window, options.width);
    const aligned = alignToBuckets(window, bucketSeconds);
    const filter = { from: new Date(aligned.fromMs), to: new Date(aligned.toMs), bucketSeconds, kinds: catalogue, perDevice: true };
    // The rows' baseline over the whole year takes seconds: a few samples say enough.
    const what = `${level.name} of the year (${bucketSeconds} s buckets), all kinds`;
    await bucketsRow(h, mode, `timelineBuckets, ${what}`, filter, level.name === 'year' || level.name === 'month' ? 3 : options.samples);
    await seriesRow(h, mode, what, filter);
  }
}

for (const mode of options.modes) {
  const h = await startHarness(mode);
  await h.startPersistence();
  await benchDay(h, mode);
  if (options.textEvents > 0) await benchTextSearch(h, mode, options.textEvents);
  if (options.year) await benchYear(h, mode);
  await h.close();
}

const p50 = (ms: number[] | undefined) => (ms ? percentile(ms, 50).toFixed(1) : '');
console.log(`\n| mode | query | p50 ms | p99 ms | same SQL, straight to the database, p50 ms | from the rows (buckets: date_bin; text: index scans off) in SQL, p50 ms |\n| --- | --- | ---: | ---: | ---: | ---: |`);
for (const r of rows) console.log(`| ${r.mode} | ${r.query} | ${p50(r.graphqlMs)} | ${percentile(r.graphqlMs, 99).toFixed(1)} | ${p50(r.sameSqlMs)} | ${p50(r.fromRowsMs)} |`);
console.log(`\n${notes.join('\n')}`);
console.log(`\n${options.samples} requests per row, one at a time, through GraphQL over HTTP (the SQL over the year's rows: 3). ${machineLine()}`);
