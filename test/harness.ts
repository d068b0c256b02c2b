// A whole Lifestream for one test file, in the mode LIFESTREAM_TEST_MODE names:
// - server: on the local stack, with a fresh database (made by the stack's superuser, owned by the
//   application role, as a deployment's is) and its own consumer group prefix, the persistence
//   group starting at the topics' ends; or, with a LIFESTREAM_NAMESPACE setting, on topics of its
//   own, made at start and deleted at the end;
// - embedded: the embedded default (embedded PostgreSQL, in-process bus) in a fresh data directory.
// Either way the API listens on a free port.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { connectTrino, trinoRows } from '../db/trino.ts';
import { createLifestreamServer } from '../api/server.ts';
import { setUpDatabase, type RoleLogin } from '../db/roles.ts';
import { openKafkaBus } from '../db/bus/kafka.ts';
import { createCatalogueTopics } from '../db/bus/kafka-topics.ts';
import type { Bus, Subscription } from '../db/bus/port.ts';
import { openServices, type OpenServices } from '../db/open-services.ts';
import { startConsumers } from '../consumers/start-consumers.ts';
import { eventTopicNames } from '../schema/catalogue.ts';
import { loadConfig } from '../schema/config.ts';
import { deleteTopics, startGroupAtEnd } from './kafka-offsets.ts';
import { stackEnv } from './stack-env.ts';

export interface Harness {
  services: OpenServices;
  env: Record<string, string>;
  url: string;
  /** The admin token the harness's API accepts (LIFESTREAM_ADMIN_TOKEN). */
  adminToken: string;
  /** A GraphQL request over HTTP, with the admin token unless another (or null: none) is given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  startPersistence(): Promise<Subscription>;
  /** Starts more consumers by name (consumers/registry.ts), stopped by close(). */
  startConsumers(...names: string[]): Promise<Subscription[]>;
  /** A bus of its own, for tests that produce or read topics directly. */
  rawBus(): Bus;
  close(): Promise<void>;
}

export type TestMode = 'server' | 'embedded';

export const testMode: TestMode = process.env.LIFESTREAM_TEST_MODE === 'embedded' ? 'embedded' : 'server';

export const uniqueDevice = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

interface Deployment {
  env: Record<string, string>;
  afterOpen(services: OpenServices): Promise<void>;
  cleanUp(): Promise<void>;
}

/** The same login on another database. */
export function onDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The role and password a database URL logs in with. */
export const loginOf = (databaseUrl: string): RoleLogin => {
  const url = new URL(databaseUrl);
  return { name: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
};

/**
 * Trino catalogs on this test's own database, as the stack's timeline and memos are on its default
 * one: created by the application's Trino user, logging in to PostgreSQL as the sql role.
 */
async function createTrinoCatalogs(base: Record<string, string>, sqlDatabaseUrl: string, runId: string) {
  const trino = connectTrino({ url: base.TRINO_URL!, user: loadConfig(base).TRINO_USER });
  const url = new URL(sqlDatabaseUrl);
  const names = { TRINO_TIMELINE_CATALOG: `timeline_${runId}`, TRINO_MEMOS_CATALOG: `memos_${runId}` };
  for (const name of Object.values(names)) {
    await trinoRows(
      trino,
      `CREATE CATALOG ${name} USING postgresql WITH ("connection-url" = 'jdbc:postgresql://${url.host}${url.pathname}', "connection-user" = '${decodeURIComponent(url.username)}', "connection-password" = '${decodeURIComponent(url.password)}')`,
    );
  }
  return {
    env: names,
    async drop() {
      for (const name of Object.values(names)) await trinoRows(trino, `DROP CATALOG IF EXISTS ${name}`);
    },
  };
}

async function serverDeployment(runId: string): Promise<Deployment> {
  const base = stackEnv();
  const database = `lifestream_test_${runId}`;
  const adminUrl = base.LIFESTREAM_STACK_ADMIN_DATABASE_URL!;
  await setUpDatabase(adminUrl, database, { app: loginOf(base.DATABASE_URL!), reader: loginOf(base.LIFESTREAM_SQL_DATABASE_URL!) });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const sqlDatabaseUrl = onDatabase(base.LIFESTREAM_SQL_DATABASE_URL!, database);
  const catalogs = base.TRINO_URL ? await createTrinoCatalogs(base, sqlDatabaseUrl, runId) : undefined;
  let ownTopics: { brokers: string[]; names: string[] } | undefined;
  return {
    env: { ...base, DATABASE_URL: onDatabase(base.DATABASE_URL!, database), LIFESTREAM_SQL_DATABASE_URL: sqlDatabaseUrl, ...catalogs?.env },
    async afterOpen({ config }) {
      if (config.LIFESTREAM_NAMESPACE) {
        const { created } = await createCatalogueTopics(config.KAFKA_BROKERS!, { partitions: 1, replicationFactor: 1, namespace: config.LIFESTREAM_NAMESPACE });
        ownTopics = { brokers: config.KAFKA_BROKERS!, names: created };
      } else {
        await startGroupAtEnd(config.KAFKA_BROKERS!, `${config.LIFESTREAM_GROUP_PREFIX}.persistence`, eventTopicNames());
      }
    },
    async cleanUp() {
      if (ownTopics) await deleteTopics(ownTopics.brokers, ownTopics.names);
      await catalogs?.drop();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * MODELS_DIR where the environment sets it (DESIGN.md: "MODELS_DIR overrides"), as `npm start` would
 * read it, so a checkout whose weights are elsewhere tests with them; else none, and the
 * configuration's default (./models) applies.
 */
export const modelsDirSetting = (environment: NodeJS.ProcessEnv): Record<string, string> => (environment.MODELS_DIR ? { MODELS_DIR: environment.MODELS_DIR } : {});

/** Settings over the deployment's; undefined takes one away (TRINO_URL, say, to run server mode without Trino). */
export async function startHarness(mode: TestMode = testMode, settings: Record<string, string | undefined> = {}): Promise<Harness> {
  const runId = randomUUID().slice(0, 8);
  const adminToken = `test-admin-${randomUUID()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lifestream-test-'));
  const deployment: Deployment =
    mode === 'server' ? await serverDeployment(runId) : { env: {}, afterOpen: async () => {}, cleanUp: async () => {} };
  const env = Object.fromEntries(
    Object.entries({
      ...deployment.env,
      LIFESTREAM_DATA_DIR: dataDir,
      LIFESTREAM_GROUP_PREFIX: `test-${runId}`,
      LIFESTREAM_MAX_BATCH: '5000',
      LIFESTREAM_ADMIN_TOKEN: adminToken,
      // Tests assert what a request answers, not how fast: a loaded machine (Trino's first queries)
      // must not turn an answer into DEADLINE_EXCEEDED. Tests of the deadline set their own.
      LIFESTREAM_REQUEST_TIMEOUT_S: '120',
      ...modelsDirSetting(process.env),
      ...settings,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const services = await openServices(loadConfig(env), `test-${runId}`);
  await deployment.afterOpen(services);
  const lifestream = await createLifestreamServer(services);
  await new Promise<void>((resolve) => lifestream.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(lifestream.server.address() as AddressInfo).port}/graphql`;
  const subscriptions: Subscription[] = [];
  const buses: Bus[] = [];

  return {
    services,
    env,
    url,
    adminToken,
    async graphql(query, variables, token = adminToken) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    async startConsumers(...names) {
      // A namespaced deployment's topics are its own, empty when it started: its groups read them from the start.
      if (mode === 'server' && !services.config.LIFESTREAM_NAMESPACE) {
        for (const name of names) await startGroupAtEnd(services.config.KAFKA_BROKERS!, `${services.config.LIFESTREAM_GROUP_PREFIX}.${name}`, eventTopicNames());
      }
      const started = await startConsumers(names, services);
      subscriptions.push(...started);
      return started;
    },
    async startPersistence() {
      const [subscription] = await startConsumers(['persistence'], services);
      subscriptions.push(subscription!);
      return subscription!;
    },
    rawBus() {
      // The in-process bus has one instance per data directory: share the harness's.
      if (!services.config.KAFKA_BROKERS) return services.bus;
      const bus = openKafkaBus({ brokers: services.config.KAFKA_BROKERS, clientId: `test-raw-${runId}`, maxWaitTimeInMs: 100, namespace: services.config.LIFESTREAM_NAMESPACE });
      buses.push(bus);
      return bus;
    },
    async close() {
      await lifestream.close();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await Promise.all(buses.map((b) => b.close()));
      await services.close();
      await deployment.cleanUp();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls until check returns a value (not undefined); fails after `attempts` tries (a tenth of a
 * second apart, so two minutes and more by default: a deadline for a loaded machine, not a timing)
 * with the last state.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 1200): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
