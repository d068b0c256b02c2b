// `npm run bench:timeline`: what the web app asks for a busy day: timelineBuckets over a day of N
// heart-rate samples (plus the fixture day around them) at the bucket sizes the app uses, a page of
// events, and a text search, through GraphQL over HTTP.
import { Command, Option } from 'commander';
import { fixtureDay } from '../scripts/demo/fixture-day.ts';
import { ingestFixture } from '../scripts/demo/ingest-fixture.ts';
import { eventually, startHarness, uniqueDevice, type TestMode } from '../test/harness.ts';
import { machineLine, percentile, positiveInteger } from './measure.ts';

interface Options {
  events: number;
  samples: number;
  modes: TestMode[];
}

const options = new Command('bench:timeline')
  .description('Measures the timeline queries the web app makes on a day of many events.')
  .option('--events <n>', 'heart-rate samples in the day', positiveInteger, 100_000)
  .option('--samples <n>', 'requests per query', positiveInteger, 30)
  .addOption(new Option('--modes <modes...>', 'deployments to measure').choices(['server', 'embedded']).default(['server', 'embedded']))
  .parse()
  .opts<Options>();

const day = new Date('2026-06-01T00:00:00Z');
const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };
const rows: [string, string, number[]][] = [];

for (const mode of options.modes) {
  const h = await startHarness(mode);
  await h.startPersistence();
  const watch = uniqueDevice('bench-watch');
  // The fixture day on devices of its own: a fixture sample equal to a bench one would be the same event.
  const devices = { watch: uniqueDevice('bench-fixture-watch'), phone: uniqueDevice('bench-phone'), laptop: uniqueDevice('bench-laptop') };
  const fixture = fixtureDay(day, devices);
  const spacingMs = 86_400_000 / options.events;
  const heartRates = Array.from({ length: options.events }, (_, i) => ({ heartRate: { deviceId: watch, time: new Date(day.getTime() + Math.floor(i * spacingMs)).toISOString(), bpm: 60 + (i % 90) } }));
  await ingestFixture(h.url, h.adminToken, [...fixture, ...heartRates]);
  const total = fixture.length + options.events;
  await eventually(async () => {
    // Only this run's devices: in server mode other runs may produce to the same topics.
    const r = await h.graphql<{ timelineBuckets: { count: number }[] }>(`query($d: [ID!]) { timelineBuckets(from: "${range.from}", to: "${range.to}", bucketSeconds: 86400, deviceIds: $d) { count } }`, { d: [watch, ...Object.values(devices)] });
    return r.data?.timelineBuckets.reduce((s, b) => s + b.count, 0) === total ? true : undefined;
  }, 'the day to be stored', 1200);

  const time = async (path: string, query: string, variables: Record<string, unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const started = performance.now();
      const result = await h.graphql(query, variables);
      ms.push(performance.now() - started);
      if (result.errors) throw new Error(`${path}: ${JSON.stringify(result.errors)}`);
    }
    rows.push([mode, path, ms]);
  };
  const buckets = `query($from: DateTime!, $to: DateTime!, $s: Int!, $text: String) { timelineBuckets(from: $from, to: $to, bucketSeconds: $s, text: $text, perDevice: true) { kind deviceId start count min avg max } }`;
  await time(`timelineBuckets, a day of ${total} events, 5-minute buckets, all kinds`, buckets, { ...range, s: 300 });
  await time(`timelineBuckets, a day of ${total} events, 1-minute buckets, all kinds`, buckets, { ...range, s: 60 });
  await time(`timeline, first 1000 events of the day`, `query($from: DateTime!, $to: DateTime!) { timeline(from: $from, to: $to, first: 1000) { edges { node { id kind time headline } } } }`, range);
  await time(`timeline(text: "design review") over the day`, `query($from: DateTime!, $to: DateTime!) { timeline(from: $from, to: $to, text: "design review", first: 1000) { edges { node { id } } } }`, range);
  await h.close();
}

console.log(`\n| mode | query | p50 ms | p99 ms |\n| --- | --- | ---: | ---: |`);
for (const [mode, path, ms] of rows) console.log(`| ${mode} | ${path} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} |`);
console.log(`\n${options.samples} requests per row, one at a time. ${machineLine()}`);
