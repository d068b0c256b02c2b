// `npm run stack -- up|down|status|reset`: the real services for server mode and tests, kept under .stack/.
import { rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Command } from 'commander';
import { installMissingPackages } from './stack/apt.ts';
import { dovecotService, imapPassword, imapUrl } from './stack/dovecot.ts';
import { ensureHelm, helmVersion } from './stack/helm.ts';
import { testMediaTools } from './stack/test-media.ts';
import { kafkaBrokers, kafkaService } from './stack/kafka.ts';
import { adminDatabaseUrl, databaseUrl, postgresService, sqlDatabaseUrl } from './stack/postgres.ts';
import { fileSize, tailFile, waitUntil } from './stack/processes.ts';
import { caldavUrl, radicaleService } from './stack/radicale.ts';
import { redisService, redisUrl } from './stack/redis.ts';
import type { Service } from './stack/service.ts';
import { envFile } from './stack/settings.ts';
import { createStackTopics } from './stack/topics.ts';
import { trinoService, trinoUrl, trinoUsers } from './stack/trino.ts';

const services: readonly Service[] = [postgresService, redisService, kafkaService, trinoService, dovecotService, radicaleService];

async function up(): Promise<boolean> {
  await installMissingPackages([...services.flatMap((service) => service.requires), ...testMediaTools]);
  const results = await Promise.all(services.map(bringUp));
  if (!results.every(Boolean)) return false;
  const topics = await timed(createStackTopics);
  console.log(report('topics', 'ready', `${topics.result.total} topics, ${topics.result.created} new (${topics.seconds} s)`));
  const helm = await timed(ensureHelm);
  console.log(report('helm', helm.result ? 'built' : 'present', `${helmVersion}, for the chart tests${helm.result ? ` (${helm.seconds} s)` : ''}`));
  writeEnvFile();
  console.log(`connection settings in ${relative(process.cwd(), envFile)}`);
  return true;
}

async function bringUp(service: Service): Promise<boolean> {
  const logSizesBefore = service.logFiles.map(fileSize);
  try {
    if (await service.isRunning()) {
      // It may still be starting, from another `up` running beside this one.
      await waitUntil(`${service.name} to answer`, () => service.isReady(), 90_000);
      console.log(report(service.name, 'already running', service.address));
      return true;
    }
    const { seconds } = await timed(() => service.start());
    console.log(report(service.name, 'started', `${service.address} (${seconds} s)`));
    return true;
  } catch (error) {
    printFailure(service, error, logSizesBefore);
    return false;
  }
}

async function down(): Promise<boolean> {
  const results = await Promise.all(services.map(bringDown));
  return results.every(Boolean);
}

async function bringDown(service: Service): Promise<boolean> {
  try {
    if (!(await service.isRunning())) {
      console.log(report(service.name, 'not running'));
      return true;
    }
    const { seconds } = await timed(() => service.stop());
    console.log(report(service.name, 'stopped', `(${seconds} s)`));
    return true;
  } catch (error) {
    printFailure(service, error);
    return false;
  }
}

async function status(): Promise<boolean> {
  const states = await Promise.all(services.map(async (service) => ({ service, ready: await service.isReady() })));
  for (const { service, ready } of states) console.log(report(service.name, ready ? 'up' : 'down', service.address));
  return states.every((state) => state.ready);
}

async function reset(): Promise<boolean> {
  if (!(await down())) return false;
  for (const path of services.flatMap((service) => service.dataPaths)) rmSync(path, { recursive: true, force: true });
  rmSync(envFile, { force: true });
  console.log('data deleted');
  return true;
}

/** Lifestream's settings for the stack, and the superuser's connection the tests make their databases with. */
function writeEnvFile(): void {
  const settings = {
    DATABASE_URL: databaseUrl(),
    LIFESTREAM_SQL_DATABASE_URL: sqlDatabaseUrl(),
    REDIS_URL: redisUrl,
    KAFKA_BROKERS: kafkaBrokers,
    TRINO_URL: trinoUrl,
    TRINO_USER: trinoUsers.appUser,
    TRINO_SQL_USER: trinoUsers.sqlUser,
    LIFESTREAM_STACK_ADMIN_DATABASE_URL: adminDatabaseUrl(),
    // The importers' test servers: IMAP (any user, this password) and CalDAV (any user and password).
    LIFESTREAM_STACK_IMAP_URL: imapUrl,
    LIFESTREAM_STACK_IMAP_PASSWORD: imapPassword,
    LIFESTREAM_STACK_CALDAV_URL: caldavUrl,
  };
  writeFileSync(envFile, Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join(''), { mode: 0o600 });
}

/** Shows what each log gained since `logSizesBefore` (the failed attempt's own lines), or its end. */
function printFailure(service: Service, error: unknown, logSizesBefore: readonly number[] = []): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(report(service.name, 'FAILED', message));
  service.logFiles.forEach((logFile, index) => {
    const lines = tailFile(logFile, 25, logSizesBefore[index]);
    if (lines !== '') console.error(`--- last lines of ${relative(process.cwd(), logFile)} ---\n${lines}`);
  });
}

function report(name: string, state: string, detail = ''): string {
  return `${name.padEnd(9)}${state.padEnd(16)}${detail}`.trimEnd();
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: string }> {
  const startedAt = performance.now();
  const result = await work();
  return { result, seconds: ((performance.now() - startedAt) / 1000).toFixed(1) };
}

function exitWith(action: () => Promise<boolean>): () => Promise<void> {
  return async () => {
    process.exitCode = (await action()) ? 0 : 1;
  };
}

const program = new Command('stack').description('local PostgreSQL, Redis, Kafka, Trino, and the importers\' IMAP and CalDAV servers under .stack/');
program.command('up').description('start every service (idempotent), create the topics, write .stack/env').action(exitWith(up));
program.command('down').description('stop every service; data stays').action(exitWith(down));
program.command('status').description('show each service; exit code 1 unless all are up').action(exitWith(status));
program.command('reset').description('stop every service and delete its data').action(exitWith(reset));
await program.parseAsync();
