// `npm run demo -- day [--date YYYY-MM-DD] [--url URL] [--token TOKEN]`: sends the fixture day
// (scripts/demo/fixture-day.ts) to a running Lifestream through its GraphQL API.
import { Command, Option } from 'commander';
import { fixtureDay } from './demo/fixture-day.ts';
import { ingestFixture } from './demo/ingest-fixture.ts';
import { runCommandLine } from './command-line.ts';
import { localGraphqlUrl } from './local-graphql-url.ts';

const program = new Command('demo').description('fill a running Lifestream with example data');

program
  .command('day')
  .description('a realistic day: heart rate, steps, GPS tracks, app focus, notifications, web visits, a calendar entry')
  .option('--date <YYYY-MM-DD>', 'the day (UTC)', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10))
  .addOption(new Option('--url <url>', 'GraphQL endpoint (on PORT, as npm start listens)').env('LIFESTREAM_URL').default(localGraphqlUrl()))
  .option('--token <token>', 'an ingest or admin token (default: LIFESTREAM_TOKEN, then LIFESTREAM_ADMIN_TOKEN)')
  .action(async (options: { date: string; url: string; token?: string }) => {
    const token = options.token ?? process.env.LIFESTREAM_TOKEN ?? process.env.LIFESTREAM_ADMIN_TOKEN;
    if (!token) throw new Error('give an ingest token: --token lst_... (npm run cli -- token create --scope ingest)');
    const day = new Date(`${options.date}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) throw new Error(`--date must be YYYY-MM-DD, got ${options.date}`);
    const accepted = await ingestFixture(options.url, token, fixtureDay(day));
    console.log(`sent ${accepted} events of ${options.date} to ${options.url}; open ${options.url.replace(/\/graphql$/, '')}/?from=${options.date}`);
  });

await runCommandLine(program);
