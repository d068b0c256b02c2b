// `npm run cli -- token create|list|revoke`: managing access tokens from a shell, on the configured
// database (or the embedded one in the data directory, also while Lifestream runs on it).
// `npm run cli -- topics create`: the catalogue's topics on KAFKA_BROKERS under LIFESTREAM_NAMESPACE (a
// deployment's install step).
// `npm run cli -- trino-rules`: the access rules a deployment's own Trino needs for the sql field.
// `npm run cli -- dlq replay <topic>`: dead letters back to their topic, once what failed them is fixed.
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createCatalogueTopics } from '../db/bus/kafka-topics.ts';
import { createAccessToken, listAccessTokens, revokeAccessToken, scopes, type Scope } from '../db/access-tokens.ts';
import { openStore } from '../db/open-store.ts';
import { literalPattern, trinoAccessRules } from '../db/sql/trino-access-rules.ts';
import { replayDeadLetters } from '../db/bus/dead-letter-replay.ts';
import { openBus } from '../db/open-services.ts';
import { eventTopicNames } from '../schema/catalogue.ts';
import { dlqTopic } from '../schema/naming.ts';
import type { Store } from '../db/store.ts';
import { loadConfig, type Config } from '../schema/config.ts';
import { runCommandLine } from '../scripts/command-line.ts';

/**
 * Which database a token was made in: one made in another data directory than the running
 * Lifestream's (LIFESTREAM_DATA_DIR set for `npm start` in one shell, not in the next) is unknown to it.
 */
function databaseOf(config: Config): string {
  if (!config.DATABASE_URL) return `the embedded database in ${resolve(config.LIFESTREAM_DATA_DIR)} (LIFESTREAM_DATA_DIR)`;
  const url = new URL(config.DATABASE_URL);
  return `the database ${url.pathname.slice(1)} on ${url.host} (DATABASE_URL)`;
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openStore(loadConfig());
  try {
    return await work(opened.store);
  } finally {
    await opened.close({ leaveAdoptedServer: true });
  }
}

const program = new Command('lifestream').description('Lifestream administration');
const token = program.command('token').description('access tokens');

token
  .command('create')
  .description('create a token and print its secret (shown once)')
  .addOption(new Option('--scope <scope>', 'what it may do').choices(scopes).makeOptionMandatory())
  .option('--device <deviceId>', 'for ingest tokens: the one device it may write')
  .option('--name <name>', 'what the token is for', '')
  .action(async (options: { scope: Scope; device?: string; name: string }) => {
    if (options.device && options.scope !== 'ingest') program.error('--device is for ingest tokens only');
    const created = await withStore((store) =>
      createAccessToken(store, { scope: options.scope, deviceId: options.device ?? null, name: options.name || `${options.scope}${options.device ? ` ${options.device}` : ''}` }),
    );
    console.log(
      `created ${created.accessToken.scope} token ${created.accessToken.id}${created.accessToken.deviceId ? ` for device ${created.accessToken.deviceId}` : ''} ` +
        `in ${databaseOf(loadConfig())}: a Lifestream on another database does not know it`,
    );
    console.log(created.token);
  });

token
  .command('list')
  .description('list tokens (never their secrets)')
  .action(async () => {
    const tokens = await withStore(listAccessTokens);
    console.table(tokens.map((t) => ({ id: t.id, name: t.name, scope: t.scope, device: t.deviceId ?? '', created: t.createdAt.toISOString(), revoked: t.revokedAt?.toISOString() ?? '' })));
  });

token
  .command('revoke')
  .argument('<id>', 'the token id (see token list)')
  .description('revoke a token at once')
  .action(async (id: string) => {
    const revoked = await withStore((store) => revokeAccessToken(store, id));
    if (!revoked) return program.error(`no live token with id ${id}`);
    console.log(`revoked ${revoked.scope} token ${revoked.id} (${revoked.name})`);
  });

const positiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

program
  .command('topics')
  .description("Kafka topics of the event catalogue")
  .command('create')
  .description('create every catalogue topic and its .dlq twin on KAFKA_BROKERS, under LIFESTREAM_NAMESPACE if set; existing ones are left as they are')
  .option('--partitions <n>', 'partitions of each new topic', positiveInteger, 3)
  .option('--replication-factor <n>', 'replicas of each new topic', positiveInteger, 1)
  .action(async (options: { partitions: number; replicationFactor: number }) => {
    const { KAFKA_BROKERS: brokers, LIFESTREAM_NAMESPACE: namespace } = loadConfig();
    if (!brokers) return program.error('KAFKA_BROKERS is not set: topics are for Kafka (the embedded bus needs none)');
    const { total, created } = await createCatalogueTopics(brokers, { ...options, namespace });
    const where = namespace ? ` in namespace ${namespace}` : '';
    console.log(`${total} catalogue topics${where}, ${created.length} created${created.length > 0 ? `: ${created.join(', ')}` : ''}`);
  });

program
  .command('dlq')
  .description('dead-letter topics (<topic>.dlq)')
  .command('replay')
  .argument('<topic>', 'the topic whose dead letters go back to it, such as device.health.heartrate.raw')
  .option('--limit <n>', 'at most this many, oldest first', positiveInteger, 1_000_000)
  .description("produce <topic>.dlq's dead letters back to <topic> (each once: a second replay sends only newer ones); on the embedded bus, with Lifestream stopped")
  .action(async (topic: string, options: { limit: number }) => {
    const topics = eventTopicNames();
    if (!topics.includes(topic)) return program.error(`unknown topic "${topic}": give an event topic of the catalogue, such as ${topics[0]} (without .dlq)`);
    const config = loadConfig();
    const bus = await openBus(config, 'lifestream-dlq-replay');
    try {
      const moved = await replayDeadLetters(bus, topic, { groupPrefix: config.LIFESTREAM_GROUP_PREFIX, limit: options.limit });
      console.log(`replayed ${moved} dead letter${moved === 1 ? '' : 's'} from ${dlqTopic(topic)} to ${topic}`);
    } finally {
      await bus.close();
    }
  });

program
  .command('trino-rules')
  .description("print Trino's file-based access rules (security.config-file) for TRINO_USER and TRINO_SQL_USER on the configured catalogs")
  .action(() => {
    const config = loadConfig();
    const catalogs = `(${[config.TRINO_TIMELINE_CATALOG, config.TRINO_MEMOS_CATALOG].map(literalPattern).join('|')})`;
    console.log(JSON.stringify(trinoAccessRules({ appUser: config.TRINO_USER, sqlUser: config.TRINO_SQL_USER, catalogs, appManagesCatalogs: false }), null, 2));
  });

await runCommandLine(program);
