// The Helm chart (helm/lifestream), rendered by the real helm: what it deploys follows the code (one
// Deployment per registered consumer, only settings Lifestream reads), its hook creates the topics
// on a real Kafka, and missing credentials stop the install with a message that names them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { parseAllDocuments, parse } from 'yaml';
import { consumerNames } from '../consumers/registry.ts';
import { kafkaTopicNames } from '../schema/catalogue.ts';
import { configNames } from '../schema/config.ts';
import { deploymentTopic } from '../schema/naming.ts';
import { compile } from '../scripts/compile.ts';
import { helmBinary } from '../scripts/stack/helm.ts';
import { deleteTopics } from './kafka-offsets.ts';
import { stackEnv } from './stack-env.ts';
import { testMode } from './harness.ts';

const run = promisify(execFile);
const chart = new URL('../helm/lifestream', import.meta.url).pathname;
const credentials = ['--set', 'secret.databaseUrl=postgres://lifestream@db/lifestream', '--set', 'secret.redisUrl=redis://redis:6379'];

interface Container {
  name: string;
  args: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string } }[];
  resources?: { limits?: Record<string, unknown> };
  livenessProbe?: { httpGet: { path: string } };
}
interface Manifest {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[] } };
    ingressClassName?: string;
    rules?: { http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] } }[];
  };
}

async function render(...args: string[]): Promise<Manifest[]> {
  const { stdout } = await run(helmBinary, ['template', 'life', chart, ...credentials, ...args]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

/** Runs a container's arguments as the image does (`node` then the arguments, from the compiled dist/), with no TypeScript loader. */
const runInImage = (args: string[], env: Record<string, string | undefined>) =>
  run(process.execPath, args, { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, NODE_OPTIONS: '', ...env } });

const containerOf = (manifests: Manifest[], name: string): Container => {
  const found = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name);
  assert.ok(found, `Deployment ${name} is rendered`);
  return found.spec!.template!.spec.containers[0]!;
};

describe('Helm chart', { skip: testMode !== 'server' && 'mode-independent: runs once, in server mode' }, () => {
  before(() => compile());

  it('passes helm lint --strict', async () => {
    const { stdout } = await run(helmBinary, ['lint', '--strict', chart, ...credentials]);
    assert.match(stdout, /0 chart\(s\) failed/);
  });

  it('deploys the API and one Deployment per registered consumer, each with its probes and metrics port', async () => {
    const manifests = await render();
    const values = parse(readFileSync(`${chart}/values.yaml`, 'utf8')) as { consumers: Record<string, unknown> };
    assert.deepEqual(Object.keys(values.consumers).sort(), [...consumerNames].sort(), 'values.yaml lists the consumers of consumers/registry.ts');
    for (const name of consumerNames) {
      const container = containerOf(manifests, `life-lifestream-${name}`);
      assert.deepEqual(container.args, ['dist/consumers/main.js', name]);
      assert.equal(container.env?.find((e) => e.name === 'LIFESTREAM_CONSUMER_PORT')?.value, '9464');
      assert.equal(container.livenessProbe?.httpGet.path, '/healthz');
    }
    const api = containerOf(manifests, 'life-lifestream-api');
    assert.deepEqual(api.args, ['dist/api/main.js']);
    const ingress = manifests.find((m) => m.kind === 'Ingress')!;
    assert.equal(ingress.spec!.ingressClassName, 'kong');
    assert.deepEqual(ingress.spec!.rules![0]!.http.paths[0]!.backend.service, { name: 'life-lifestream-api', port: { name: 'http' } });
  });

  it('sets only settings Lifestream reads', async () => {
    const manifests = await render();
    const configMap = manifests.find((m) => m.kind === 'ConfigMap')!;
    const set = new Set([
      ...Object.keys(configMap.data ?? {}),
      ...manifests.flatMap((m) => m.spec?.template?.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name)) ?? []),
    ]);
    const unknown = [...set].filter((name) => !(configNames as string[]).includes(name));
    assert.deepEqual(unknown, []);
    const typo = await render('--set', 'config.LIFESTREAM_RECORDING_IDLE=30');
    assert.ok(Object.keys(typo.find((m) => m.kind === 'ConfigMap')!.data ?? {}).some((name) => !(configNames as string[]).includes(name)), 'a misspelt setting is caught');
  });

  it('gives GPUs to the transcription consumer only when asked', async () => {
    assert.equal(containerOf(await render(), 'life-lifestream-transcription').resources?.limits?.['nvidia.com/gpu'], undefined);
    const withGpu = await render('--set', 'consumers.transcription.gpus=1');
    assert.equal(containerOf(withGpu, 'life-lifestream-transcription').resources?.limits?.['nvidia.com/gpu'], 1);
    assert.equal(containerOf(withGpu, 'life-lifestream-vad').resources?.limits?.['nvidia.com/gpu'], undefined);
  });

  it('refuses to render without the database or Redis, naming the value to set', async () => {
    await assert.rejects(run(helmBinary, ['template', 'life', chart]), /secret\.databaseUrl \(postgres:\/\/\.\.\. of TimescaleDB\) is needed/);
    await assert.rejects(run(helmBinary, ['template', 'life', chart, '--set', 'secret.databaseUrl=postgres://db/x']), /secret\.redisUrl \(redis:\/\/\.\.\.\) is needed/);
    const ownSecret = await render('--set', 'secret.existingSecret=mine', '--set', 'secret.databaseUrl=', '--set', 'secret.redisUrl=');
    assert.equal(ownSecret.filter((m) => m.kind === 'Secret').length, 0, 'no Secret of its own beside an existing one');
  });

  it("passes the sql role's connection (LIFESTREAM_SQL_DATABASE_URL) from the Secret only when given", async () => {
    const secretOf = (manifests: Manifest[]) => manifests.find((m) => m.kind === 'Secret')?.stringData ?? {};
    assert.equal(secretOf(await render()).LIFESTREAM_SQL_DATABASE_URL, undefined);
    const given = await render('--set', 'secret.sqlDatabaseUrl=postgres://lifestream_reader:pw@db/lifestream');
    assert.equal(secretOf(given).LIFESTREAM_SQL_DATABASE_URL, 'postgres://lifestream_reader:pw@db/lifestream');
    assert.ok(containerOf(given, 'life-lifestream-api').env?.some((e) => e.name === 'LIFESTREAM_SQL_DATABASE_URL'));
  });

  it('runs a topics hook whose command creates the catalogue topics on a real Kafka', async () => {
    const job = (await render('--set', 'topics.partitions=3')).find((m) => m.kind === 'Job')!;
    assert.equal(job.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
    const container = job.spec!.template!.spec.containers[0]!;
    const { stdout } = await runInImage(container.args, { KAFKA_BROKERS: stackEnv().KAFKA_BROKERS });
    assert.match(stdout, /^\d+ catalogue topics, 0 created/m, 'every topic is there already: the stack made them with the same code');
  });

  it('gives LIFESTREAM_NAMESPACE to every pod and to the topics hook, which makes the namespaced topics', async () => {
    const namespace = `helm-${randomUUID().slice(0, 8)}`;
    const manifests = await render('--set', `config.LIFESTREAM_NAMESPACE=${namespace}`);
    const configMap = manifests.find((m) => m.kind === 'ConfigMap')!;
    assert.equal(configMap.data?.LIFESTREAM_NAMESPACE, namespace);
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      const container = deployment.spec!.template!.spec.containers[0]!;
      assert.ok(container.envFrom?.some((from) => from.configMapRef?.name === configMap.metadata.name), `${deployment.metadata.name} takes the ConfigMap`);
    }
    const hook = manifests.find((m) => m.kind === 'Job')!.spec!.template!.spec.containers[0]!;
    const hookEnv = Object.fromEntries((hook.env ?? []).map((e) => [e.name, e.value ?? '']));
    assert.equal(hookEnv.LIFESTREAM_NAMESPACE, namespace);
    const brokers = stackEnv().KAFKA_BROKERS!;
    try {
      const { stdout } = await runInImage(hook.args, { ...hookEnv, KAFKA_BROKERS: brokers });
      const total = kafkaTopicNames().length;
      assert.match(stdout, new RegExp(`^${total} catalogue topics in namespace ${namespace}, ${total} created: ${namespace}\\.`, 'm'));
    } finally {
      await deleteTopics([brokers], kafkaTopicNames().map((topic) => deploymentTopic(namespace, topic)));
    }
  });
});
