// Kafka as one KRaft node (broker and controller in one JVM), run from the Maven jars.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureKafkaJars, kafkaDir, libDir } from './kafka-jars.ts';
import { assertPortFree, canConnect, type Daemon, runChecked, runningPid, startDetached, stopDaemon, waitUntilReady } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports } from './settings.ts';

const dataDir = join(kafkaDir, 'data');
const logFile = join(kafkaDir, 'kafka.log');
// A long-lived stack logs without end: keep kafka.log plus this many 10 MB predecessors.
const rolledLogFiles = 3;
// The JVM's own output: crashes before logging starts land here.
const outputFile = join(kafkaDir, 'kafka.out');
const serverProperties = join(kafkaDir, 'server.properties');
const log4jConfig = join(kafkaDir, 'log4j2.properties');
const daemon: Daemon = { pidFile: join(kafkaDir, 'kafka.pid'), commandLineMarker: 'kafka.Kafka' };

export const kafkaBrokers = `${host}:${ports.kafka}`;

export const kafkaService: Service = {
  name: 'kafka',
  address: kafkaBrokers,
  requires: [
    { binary: 'java', aptPackage: 'openjdk-17-jre-headless' },
    { binary: 'mvn', aptPackage: 'maven' },
  ],
  logFiles: [logFile, outputFile],
  dataPaths: [dataDir, logFile, outputFile, ...Array.from({ length: rolledLogFiles }, (_, index) => `${logFile}.${index + 1}`)],

  async isRunning() {
    return runningPid(daemon) !== undefined;
  },

  isReady: answersAdminRequests,

  async start() {
    await assertPortFree(host, ports.kafka);
    await assertPortFree(host, ports.kafkaController);
    await ensureKafkaJars();
    writeConfigs();
    if (!isFormatted()) await formatStorage();
    startDetached('java', [...javaArgs(), 'kafka.Kafka', serverProperties], daemon, { outputFile, cwd: kafkaDir });
    await waitUntilReady('kafka', daemon, answersAdminRequests, 90_000);
    await warmUpCoordinators();
  },

  async stop() {
    // A clean shutdown spares the next start its log recovery (about 13 s instead of 5 after a kill -9).
    await stopDaemon(daemon, 60_000);
  },
};

/** Quiet: while the broker starts, kafkajs logs every refused attempt at ERROR level. */
export function kafkaClient(retries: number): Kafka {
  return new Kafka({ clientId: 'lifestream-stack', brokers: [kafkaBrokers], logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries } });
}

async function answersAdminRequests(): Promise<boolean> {
  if (!(await canConnect(host, ports.kafka))) return false;
  const admin = kafkaClient(0).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect();
  }
}

/**
 * A fresh broker answers the first producer-id request and the first coordinator lookups with
 * "coordinator is loading/not available" while it creates __transaction_state and
 * __consumer_offsets; kafkajs retries but logs each one at ERROR. Paying that here keeps tests quiet.
 */
async function warmUpCoordinators(): Promise<void> {
  const kafka = kafkaClient(8);
  const producer = kafka.producer({ transactionalId: 'lifestream-stack-warm-up', idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await (await producer.transaction()).abort();
  } finally {
    await producer.disconnect();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeGroups(['lifestream-stack-warm-up']);
  } finally {
    await admin.disconnect();
  }
}

function javaArgs(): string[] {
  return ['-Xmx512m', '-Djava.awt.headless=true', `-Dlog4j2.configurationFile=${log4jConfig}`, '-cp', join(libDir, '*')];
}

function writeConfigs(): void {
  mkdirSync(kafkaDir, { recursive: true });
  writeFileSync(serverProperties, serverPropertiesText());
  writeFileSync(log4jConfig, log4jConfigText());
}

function serverPropertiesText(): string {
  const settings: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${host}:${ports.kafkaController}`,
    listeners: `PLAINTEXT://${host}:${ports.kafka},CONTROLLER://${host}:${ports.kafkaController}`,
    'advertised.listeners': `PLAINTEXT://${host}:${ports.kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': dataDir,
    'num.partitions': 1,
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  return Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join('');
}

function log4jConfigText(): string {
  return [
    'status = warn',
    // Log4j's own shutdown hook would silence Kafka's shutdown messages.
    'shutdownHook = disable',
    'appender.file.type = RollingFile',
    'appender.file.name = file',
    `appender.file.fileName = ${logFile}`,
    `appender.file.filePattern = ${logFile}.%i`,
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 10MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    `appender.file.strategy.max = ${rolledLogFiles}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    '',
  ].join('\n');
}

function isFormatted(): boolean {
  return existsSync(join(dataDir, 'meta.properties'));
}

async function formatStorage(): Promise<void> {
  // A half-formatted directory from an interrupted run would be refused with a new cluster id.
  rmSync(dataDir, { recursive: true, force: true });
  await runChecked('java', [...javaArgs(), 'kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', serverProperties]);
}

/** Kafka's Uuid text form: 16 random bytes in URL-safe base64; one starting with "-" would read as a CLI flag. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
