// `npm run import -- <source> ...`: fills the timeline from a person's outside accounts and files.
// Each source is an importer under scripts/import/ that sends events to a running Lifestream's
// GraphQL API with an ingest token, as a device does, so imports get the same validation, bus and
// persistence; a cursor per source in the state folder lets an interrupted import continue.
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runCommandLine } from './command-line.ts';
import { localGraphqlUrl } from './local-graphql-url.ts';
import { cursorFile } from './import/cursor-file.ts';
import { givenPath } from './import/given-path.ts';
import type { Importer } from './import/import-step.ts';
import { terminalProgress } from './import/import-progress.ts';
import { lifestreamClient } from './import/lifestream-client.ts';
import { reportLines, runImport } from './import/run-import.ts';
import { imapImporter } from './import/email/imap-mailbox.ts';
import { emlImporter, mboxImporter } from './import/email/mail-files.ts';
import { caldavImporter } from './import/calendar/caldav-calendars.ts';
import { icsImporter, isCalendarUrl } from './import/calendar/ics-files.ts';
import { isIanaZone } from './import/calendar/wall-clock.ts';
import { twitterArchiveImporter } from './import/twitter/twitter-archive.ts';
import { locationHistoryImporter } from './import/google/location-history.ts';
import { chromeTakeoutImporter } from './import/google/chrome-history.ts';
import { appleHealthImporter } from './import/apple/apple-health.ts';
import { chromiumHistoryImporter } from './import/browser/chromium-history.ts';
import { firefoxPlacesImporter } from './import/browser/firefox-places.ts';
import { activityWatchImporter } from './import/activitywatch/activitywatch-export.ts';
import { emailAttachment } from '../schema/kinds/digital.ts';

interface CommonOptions {
  url: string;
  token?: string;
  device?: string;
  stateDir: string;
  limit?: number;
  batchSize: number;
  inFlight: number;
}

const positiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const program = new Command('import')
  .description("import a source's history into Lifestream through its GraphQL API")
  .addOption(new Option('--url <url>', 'the GraphQL endpoint of a running Lifestream (on PORT, as npm start listens)').env('LIFESTREAM_URL').default(localGraphqlUrl()))
  .addOption(new Option('--token <token>', 'an ingest token (npm run cli -- token create --scope ingest); prefer the variable, a command line is visible to others').env('LIFESTREAM_TOKEN'))
  .option('--device <deviceId>', 'the deviceId the events carry (default: import-<source>)')
  .addOption(new Option('--state-dir <dir>', 'where each source keeps its cursor between runs').env('LIFESTREAM_IMPORT_STATE_DIR').default(join(process.env.LIFESTREAM_DATA_DIR ?? './data', 'imports')))
  .option('--limit <n>', 'stop after about this many events (at the next item boundary); the next run continues', positiveInteger)
  .option('--batch-size <n>', 'events per ingest request', positiveInteger, 500)
  .option('--in-flight <n>', 'requests sent before the oldest is answered (1: one at a time); a calendar entry goes alone, in order', positiveInteger, 4);

async function execute(source: string, importer: Importer): Promise<void> {
  const options = program.opts<CommonOptions>();
  const token = options.token ?? program.error('an ingest token is needed: set LIFESTREAM_TOKEN (npm run cli -- token create --scope ingest) or pass --token');
  const client = lifestreamClient({ url: options.url, token, deviceId: options.device ?? `import-${source}`, onRetry: (why) => console.error(`${source}: ${why}`) });
  const report = await runImport(importer, {
    client,
    cursor: cursorFile(resolve(options.stateDir), importer.cursorKey),
    batchSize: options.batchSize,
    inFlight: options.inFlight,
    limit: options.limit,
    progress: terminalProgress(source),
  });
  for (const line of reportLines(source, report)) console.log(line);
}

const ownAddresses = (list: readonly string[]) => new Set(list.map((a) => a.toLowerCase()));
const collect = (value: string, previous: string[]) => [...previous, value];

const MiB = 2 ** 20;
const attachmentMibCeiling = emailAttachment.fields.content.maxBytes / MiB;
const attachmentMib = (value: string): number => {
  const n = Number(value);
  if (!(n >= 0 && n <= attachmentMibCeiling)) throw new InvalidArgumentError(`must be a number of MiB from 0 (no attachment content) to ${attachmentMibCeiling} (the most an emailAttachment takes), got "${value}"`);
  return n;
};
/** The option every email source takes: how large an attachment is sent with its bytes. */
const withAttachmentLimit = (command: Command) =>
  command.option('--max-attachment-mib <MiB>', 'attachments up to this size go to the blob store; larger ones are recorded (name, size, type) without their content and reported', attachmentMib, 10);

withAttachmentLimit(
  program
    .command('mbox')
    .description('email from an mbox file (Thunderbird, Google Takeout Mail, mutt), read as a stream')
    .argument('<file>', 'the mbox file')
    .option('--me <address>', 'your address: mail from it is SENT (repeatable)', collect, []),
).action((file: string, options: { me: string[]; maxAttachmentMib: number }) =>
  execute('email', mboxImporter(givenPath('mbox', file, 'your mbox file'), { ownAddresses: ownAddresses(options.me), maxAttachmentBytes: options.maxAttachmentMib * MiB })),
);

withAttachmentLimit(
  program
    .command('eml')
    .description('email from .eml files, or folders searched for them')
    .argument('<paths...>', '.eml files or folders')
    .option('--me <address>', 'your address: mail from it is SENT (repeatable)', collect, []),
).action((paths: string[], options: { me: string[]; maxAttachmentMib: number }) =>
  execute('email', emlImporter(paths.map((path) => givenPath('eml', path, '.eml files or folders holding them', 'file or folder')), { ownAddresses: ownAddresses(options.me), maxAttachmentBytes: options.maxAttachmentMib * MiB })),
);

withAttachmentLimit(program
  .command('imap')
  .description('email from an IMAP account, every folder or those named; each run fetches only what is new (by UIDVALIDITY/UID)')
  .requiredOption('--host <host>', 'the IMAP server')
  .option('--port <port>', 'its port (default 993 with TLS, 143 without)', positiveInteger)
  .option('--no-tls', 'connect in the clear, upgrading with STARTTLS where offered (a local server)')
  .requiredOption('--user <user>', 'the login')
  .option('--folder <path>', 'a folder to import (repeatable; default: every folder)', collect, [])
  .option('--me <address>', 'your address: mail from it is SENT (repeatable)', collect, [])
  .addOption(new Option('--password <password>', 'the password (prefer the variable)').env('IMAP_PASSWORD'))
  .addOption(new Option('--access-token <token>', 'an OAuth2 access token instead of a password (Gmail, Outlook)').env('IMAP_ACCESS_TOKEN')))
  .action((options: { host: string; port?: number; tls: boolean; user: string; folder: string[]; me: string[]; password?: string; accessToken?: string; maxAttachmentMib: number }) => {
    const auth = options.accessToken ? { accessToken: options.accessToken } : options.password ? { password: options.password } : undefined;
    if (!auth) return program.error('imap needs IMAP_PASSWORD or IMAP_ACCESS_TOKEN (or --password / --access-token)');
    return execute(
      'email',
      imapImporter({ host: options.host, port: options.port ?? (options.tls ? 993 : 143), secure: options.tls, user: options.user, auth, folders: options.folder, ownAddresses: ownAddresses([...options.me, options.user].filter((a) => a.includes('@'))), maxAttachmentBytes: options.maxAttachmentMib * MiB }),
    );
  });

program
  .command('twitter')
  .description('likes from a Twitter/X archive zip (Settings → Your account → Download an archive), each liked URL also queued for archiving')
  .argument('<zip>', 'the archive as downloaded')
  .action((zip: string) => execute('twitter', twitterArchiveImporter(givenPath('twitter', zip, 'your Twitter/X archive zip, as downloaded'))));

program
  .command('location')
  .description("Google location history to gpsFix: Takeout's Records.json or the Timeline export Google Maps writes on the phone (Android's Timeline.json, iOS's list of segments), read as a stream")
  .argument('<file>', 'Records.json, or the Timeline export (Timeline.json, location-history.json)')
  .action((file: string) => execute('location', locationHistoryImporter(givenPath('location', file, 'your Records.json export (Google Takeout), or the Timeline export from Google Maps on the phone'))));

program
  .command('chrome-takeout')
  .description("Chrome history from Google Takeout (Chrome/BrowserHistory.json) to webVisit, read as a stream")
  .argument('<file>', 'BrowserHistory.json')
  .action((file: string) => execute('chrome', chromeTakeoutImporter(givenPath('chrome-takeout', file, 'Chrome/BrowserHistory.json from your Google Takeout'))));

program
  .command('chrome-history')
  .description("visits from a Chromium browser's History database (Chrome, Edge, Brave, ...) to webVisit; read from a copy, so Chrome may be running; each run sends the visits added since the last")
  .argument('<file>', 'the History file in the browser profile (e.g. ~/.config/google-chrome/Default/History)')
  .option('--browser <name>', 'the browser name the visits carry', 'Chrome')
  .action((file: string, options: { browser: string }) => execute('chrome', chromiumHistoryImporter(givenPath('chrome-history', file, 'the History file in your browser profile (e.g. ~/.config/google-chrome/Default/History)'), options.browser)));

program
  .command('firefox-history')
  .description("visits from Firefox's places.sqlite to webVisit; read from a copy (with its -wal), so Firefox may be running; each run sends the visits added since the last")
  .argument('<file>', 'places.sqlite in the Firefox profile (e.g. ~/.mozilla/firefox/<profile>/places.sqlite)')
  .action((file: string) => execute('firefox', firefoxPlacesImporter(givenPath('firefox-history', file, 'places.sqlite in your Firefox profile (e.g. ~/.mozilla/firefox/<profile>/places.sqlite)'))));

program
  .command('activitywatch')
  .description('an ActivityWatch export (Settings → Export all buckets as JSON) to appFocus, inputActivity and webVisit, read as a stream')
  .argument('<file>', 'the exported JSON (aw-buckets-export.json)')
  .action((file: string) => execute('activitywatch', activityWatchImporter(givenPath('activitywatch', file, 'your ActivityWatch export (aw-buckets-export.json)'))));

program
  .command('apple-health')
  .description("Apple Health's export.xml (Health app → Export All Health Data) to heartRate and steps, parsed as a stream")
  .argument('<file>', 'apple_health_export/export.xml')
  .action((file: string) => execute('apple-health', appleHealthImporter(givenPath('apple-health', file, 'export.xml in your Apple Health export (apple_health_export/export.xml)'))));

const instant = (value: string): Date => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`must be a date or time such as 2020-01-01, got "${value}"`);
  return date;
};
const ianaZone = (value: string): string => {
  if (!isIanaZone(value)) throw new InvalidArgumentError(`must be an IANA time zone such as Europe/Berlin, got "${value}"`);
  return value;
};
const yearsFromNow = (years: number) => new Date(Date.now() + years * 365.25 * 86_400_000);

interface CalendarOptions {
  from: Date;
  until: Date;
  zone: string;
}

/** Window and zone options every calendar source takes. */
const withCalendarOptions = (command: Command) =>
  command
    .option('--from <date>', 'expand recurring events from this date (default: ten years ago)', instant)
    .option('--until <date>', 'expand recurring events until this date (default: a year ahead)', instant)
    .option('--zone <zone>', 'the IANA zone of floating times (those without a zone)', ianaZone, Intl.DateTimeFormat().resolvedOptions().timeZone);

const calendarSettings = (options: Partial<CalendarOptions>) => {
  const window = { from: options.from ?? yearsFromNow(-10), until: options.until ?? yearsFromNow(1) };
  if (window.from >= window.until) program.error(`--from (${window.from.toISOString()}) must lie before --until (${window.until.toISOString()})`);
  return { window, zone: options.zone ?? 'UTC' };
};

withCalendarOptions(
  program
    .command('ics')
    .description('calendar events from .ics files or URLs (webcal:// too); a re-run sends only what changed, and entries gone from the calendar become CANCELLED')
    .argument('<sources...>', '.ics files or http(s)/webcal URLs')
    .option('--calendar-name <name>', 'the calendarName the events carry (default: the file name or the host)'),
).action((sources: string[], options: Partial<CalendarOptions> & { calendarName?: string }) =>
  execute('calendar', icsImporter(sources.map((source) => (isCalendarUrl(source) ? source : givenPath('ics', source, 'an .ics file, or an http(s) or webcal URL'))), { ...calendarSettings(options), calendarName: options.calendarName })),
);

withCalendarOptions(
  program
    .command('caldav')
    .description('calendar events from a CalDAV account (Nextcloud, Radicale, iCloud, Fastmail, ...); calendars whose ctag did not change are not read again')
    .requiredOption('--server <url>', 'the CalDAV address, e.g. https://cloud.example.org/remote.php/dav')
    .requiredOption('--user <user>', 'the login')
    .option('--calendar <name>', 'a calendar to import, by display name or URL (repeatable; default: all)', collect, [])
    .addOption(new Option('--password <password>', 'the password or app password (prefer the variable)').env('CALDAV_PASSWORD'))
    .addOption(new Option('--access-token <token>', 'an OAuth2 bearer token instead of a password').env('CALDAV_ACCESS_TOKEN')),
).action((options: Partial<CalendarOptions> & { server: string; user: string; calendar: string[]; password?: string; accessToken?: string }) => {
  const auth = options.accessToken ? { accessToken: options.accessToken } : options.password ? { password: options.password } : undefined;
  if (!auth) return program.error('caldav needs CALDAV_PASSWORD or CALDAV_ACCESS_TOKEN (or --password / --access-token)');
  return execute('calendar', caldavImporter({ serverUrl: options.server, user: options.user, auth, calendars: options.calendar }, calendarSettings(options)));
});

await runCommandLine(program);
