// Stopping and starting again, also at bad moments: a stop during an outage gives the batch in flight
// up uncommitted (a restart stores it), a stop that cannot drain exits after
// LIFESTREAM_SHUTDOWN_TIMEOUT_S, a second signal exits at once, `npm start` leaves nothing running,
// a port in use stops a start with one line, and PID files a crash left behind, naming PIDs since
// reused, do not block the next start.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { endpointOf, startFaultProxy, throughProxy, type FaultProxy } from './fault-proxy.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';
import { allGone, consumerMetric, descendantsOf, embeddedPostmaster, exitOf, freePort, killLeftoverProcesses, startProcess } from './processes.ts';

const heartRateTopic = 'device.health.heartrate.raw';
const heartRates = (device: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(), bpm: 70 }));

/** 128 + SIGINT's or SIGTERM's number: the two signals a test sends may arrive in either order. */
const secondSignalExit: (number | string)[] = [130, 143];

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

/** Everything a stream gives until it ends. */
const outputOf = async (stream: Readable): Promise<string> => {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
};

/** An entry point started with its port already taken on 127.0.0.1: what it printed, once it has exited 1. */
async function refusedOnTakenPort(port: number, entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stderr: string; stdout: string }> {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  const refused = spawn(process.execPath, ['--import', 'tsx', new URL(entry, import.meta.url).pathname, ...args], { env });
  const [stderr, stdout] = [outputOf(refused.stderr), outputOf(refused.stdout)];
  try {
    assert.equal(await exitOf(refused), 1);
  } finally {
    taken.close();
  }
  return { stderr: (await stderr).trim(), stdout: await stdout };
}

/** The first match of a pattern in what a stream has given so far, once it appears. */
const eventuallyPrinted = (stream: Readable, pattern: RegExp): Promise<RegExpExecArray> =>
  new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk) => {
      text += String(chunk);
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    stream.once('end', () => reject(new Error(`the stream ended without ${pattern}: ${text}`)));
  });

describe('a consumer process stopping during an outage (server mode)', { skip: testMode !== 'server' }, () => {
  let h: Harness;
  let database: FaultProxy;
  const deadLetters: DeliveredMessage[] = [];
  before(async () => {
    // Topics of its own: a consumer stuck on another suite's events in the outage would never reach this suite's.
    h = await startHarness(testMode, { TRINO_URL: undefined, LIFESTREAM_NAMESPACE: `shutdown-${randomUUID().slice(0, 8)}` });
    database = await startFaultProxy(endpointOf(h.services.databaseUrl));
    await h.rawBus().subscribe({ groupId: `test-dlq-${randomUUID()}`, topics: [`${heartRateTopic}.dlq`], eachBatch: async (batch) => void deadLetters.push(...batch.messages) });
  });
  after(async () => {
    await killLeftoverProcesses();
    await database.close();
    await h.close();
  });

  /** A persistence consumer process on the database through the proxy, once it serves its metrics. */
  async function startConsumer(settings: Record<string, string> = {}) {
    const metricsPort = await freePort();
    const consumer = startProcess('../consumers/main.ts', ['persistence'], {
      ...h.env,
      DATABASE_URL: throughProxy(h.services.databaseUrl, database),
      LIFESTREAM_CONSUMER_PORT: String(metricsPort),
      ...settings,
    });
    await eventually(async () => ((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).ok ? true : undefined), 'the consumer running');
    return { consumer, metricsPort };
  }

  const stored = async (device: string) =>
    (await h.services.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM heart_rate WHERE device_id = $1`, [device]))[0]!.n;

  it('exits 0 on SIGTERM while it waits for the database, and the restarted consumer stores every acknowledged event', async () => {
    const { consumer, metricsPort } = await startConsumer();
    const device = uniqueDevice('stop-in-outage');
    await database.down();
    try {
      const result = await h.graphql<{ ingestHeartRate: { acceptedCount: number } }>(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`, { e: heartRates(device, 100) });
      assert.equal(result.data?.ingestHeartRate.acceptedCount, 100);
      // Joining the consumer group comes first, which takes long on a loaded machine.
      await eventually(async () => ((await consumerMetric(metricsPort, 'lifestream_consumer_failed_attempts_total', heartRateTopic)) >= 3 ? true : undefined), 'the consumer retrying', 1800);
      consumer.kill('SIGTERM');
      assert.equal(await exitOf(consumer), 0, 'the drain gives the batch up and exits 0');
    } finally {
      await database.up();
    }
    const restarted = await startConsumer();
    try {
      await eventually(async () => ((await stored(device)) >= 100 ? true : undefined), 'the batch stored after the restart');
      assert.equal(await stored(device), 100);
      assert.deepEqual(deadLetters.filter((m) => m.key === device), [], 'nothing dead-lettered');
    } finally {
      restarted.consumer.kill('SIGTERM');
      assert.equal(await exitOf(restarted.consumer), 0);
    }
  });

  it('refuses a LIFESTREAM_CONSUMER_PORT in use with one line naming it and exit 1, without claiming to run', async () => {
    const metricsPort = await freePort();
    const { stderr, stdout } = await refusedOnTakenPort(metricsPort, '../consumers/main.ts', ['persistence'], {
      ...process.env,
      ...h.env,
      LIFESTREAM_CONSUMER_PORT: String(metricsPort),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    });
    assert.equal(
      stderr,
      `Lifestream cannot start: LIFESTREAM_CONSUMER_PORT ${metricsPort} on 127.0.0.1 is in use (another Lifestream, or another program, listens there): stop it, or set LIFESTREAM_CONSUMER_PORT to a free port`,
    );
    assert.doesNotMatch(stdout, /running consumers/);
  });

  it('exits 1 once LIFESTREAM_SHUTDOWN_TIMEOUT_S has passed when the database hangs', async () => {
    const { consumer } = await startConsumer({ LIFESTREAM_SHUTDOWN_TIMEOUT_S: '1' });
    database.stall();
    try {
      consumer.kill('SIGTERM');
      assert.equal(await exitOf(consumer), 1);
    } finally {
      await database.up();
    }
  });

  it('exits at once on a second signal while the drain waits', async () => {
    const { consumer } = await startConsumer({ LIFESTREAM_SHUTDOWN_TIMEOUT_S: '600' });
    database.stall();
    try {
      consumer.kill('SIGTERM');
      consumer.kill('SIGINT');
      assert.ok(secondSignalExit.includes(await exitOf(consumer)), '128 + the number of whichever signal came second');
    } finally {
      await database.up();
    }
  });
});

describe('the embedded default stopping and starting (embedded mode)', { skip: testMode !== 'embedded' }, () => {
  const dataDirs: string[] = [];
  after(async () => {
    await killLeftoverProcesses();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function settings() {
    const dataDir = mkdtempSync(join(tmpdir(), 'lifestream-shutdown-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    return { LIFESTREAM_DATA_DIR: dataDir, PORT: String(port), LIFESTREAM_ADMIN_TOKEN: `shutdown-admin-${randomUUID()}` };
  }
  const ready = (port: string) => eventually(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined), 'Lifestream ready', 1200);

  it('leaves no process of `npm start` and no PostgreSQL serving after SIGTERM to npm', async () => {
    const env = await settings();
    const npm = spawn('npm', ['start'], { cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    await ready(env.PORT);
    const postgres = embeddedPostmaster(env.LIFESTREAM_DATA_DIR);
    const tree = [npm.pid!, ...descendantsOf(npm.pid!), postgres.pid];
    npm.kill('SIGTERM');
    await exitOf(npm);
    await allGone(tree, 'npm, node and PostgreSQL');
    assert.ok(await refusesConnections(postgres.port), 'nothing serves on the database port');
    assert.ok(await refusesConnections(Number(env.PORT)), 'nothing serves on the HTTP port');
  });

  it('starts although bus.pid and postmaster.pid, left by a crash, name a PID since taken by an unrelated process', async () => {
    const env = await settings();
    const first = startProcess('../api/main.ts', ['--all-consumers'], env);
    await ready(env.PORT);
    const postgres = embeddedPostmaster(env.LIFESTREAM_DATA_DIR);
    // A power cut: everything dies at once, the PID files stay.
    first.kill('SIGKILL');
    process.kill(postgres.pid, 'SIGKILL');
    await exitOf(first);
    await allGone([postgres.pid], 'the killed PostgreSQL');
    const unrelated = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      const postmasterPid = join(env.LIFESTREAM_DATA_DIR, 'postgres/cluster/postmaster.pid');
      const [, ...rest] = readFileSync(postmasterPid, 'utf8').split('\n');
      writeFileSync(postmasterPid, [String(unrelated.pid), ...rest].join('\n'));
      writeFileSync(join(env.LIFESTREAM_DATA_DIR, 'bus/bus.pid'), String(unrelated.pid));

      const second = startProcess('../api/main.ts', ['--all-consumers'], env);
      await ready(env.PORT);
      assert.equal(unrelated.exitCode, null, 'the unrelated process was left alone');
      const restarted = embeddedPostmaster(env.LIFESTREAM_DATA_DIR);
      second.kill('SIGTERM');
      assert.equal(await exitOf(second), 0);
      await allGone([restarted.pid], 'the embedded PostgreSQL');
    } finally {
      unrelated.kill();
    }
  });

  it('refuses a port in use with one line naming PORT, stops its PostgreSQL, and leaves the first admin token to the start that listens', async () => {
    const { LIFESTREAM_DATA_DIR, PORT } = await settings();
    const { stderr, stdout } = await refusedOnTakenPort(Number(PORT), '../api/main.ts', [], { ...process.env, LIFESTREAM_DATA_DIR, PORT });
    assert.equal(stderr, `Lifestream cannot start: PORT ${PORT} on 127.0.0.1 is in use (another Lifestream, or another program, listens there): stop it, or set PORT to a free port`);
    assert.doesNotMatch(stdout, /admin token/);
    assert.ok(!existsSync(join(LIFESTREAM_DATA_DIR, 'postgres/cluster/postmaster.pid')), 'its PostgreSQL was shut down (postmaster.pid removed)');

    const second = spawn(process.execPath, ['--import', 'tsx', new URL('../api/main.ts', import.meta.url).pathname], { env: { ...process.env, LIFESTREAM_DATA_DIR, PORT }, stdio: ['ignore', 'pipe', 'inherit'] });
    const printed = await eventuallyPrinted(second.stdout, /admin token[^\n]*\n\s*(lst_\S+)/);
    const answer = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${printed[1]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ accessTokens { scope } }' }),
    });
    assert.deepEqual(await answer.json(), { data: { accessTokens: [{ scope: 'ADMIN' }] } });
    second.kill('SIGTERM');
    assert.equal(await exitOf(second), 0);
  });

  it('refuses a LIFESTREAM_DATA_DIR that is a file with one line naming it', async () => {
    const { LIFESTREAM_DATA_DIR, PORT } = await settings();
    const file = join(LIFESTREAM_DATA_DIR, 'a-file');
    writeFileSync(file, '');
    const refused = spawn(process.execPath, ['--import', 'tsx', new URL('../api/main.ts', import.meta.url).pathname], { env: { ...process.env, LIFESTREAM_DATA_DIR: file, PORT } });
    const stderr = outputOf(refused.stderr);
    assert.equal(await exitOf(refused), 1);
    assert.equal((await stderr).trim(), `Lifestream cannot start: LIFESTREAM_DATA_DIR ${file} is a file, or lies under one: set it to a folder this user may write (./data by default)`);
  });

  it('exits at once on a second signal while its database hangs, and PostgreSQL shuts down when it can', async () => {
    const env = await settings();
    const lifestream = startProcess('../api/main.ts', ['--all-consumers'], { ...env, LIFESTREAM_SHUTDOWN_TIMEOUT_S: '600' });
    await ready(env.PORT);
    const postgres = embeddedPostmaster(env.LIFESTREAM_DATA_DIR);
    process.kill(postgres.pid, 'SIGSTOP');
    try {
      lifestream.kill('SIGTERM');
      lifestream.kill('SIGINT');
      assert.ok(secondSignalExit.includes(await exitOf(lifestream)), '128 + the number of whichever signal came second');
    } finally {
      process.kill(postgres.pid, 'SIGCONT');
    }
    await allGone([postgres.pid], 'the embedded PostgreSQL, told to shut down on the way out');
  });
});
