// Redis from Debian, tracked through its pid file.
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { assertPortFree, type Daemon, runningPid, startDetached, stopDaemon, waitUntilReady } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports, stackDir } from './settings.ts';

const redisDir = join(stackDir, 'redis');
const logFile = join(redisDir, 'redis.log');
const port = ports.redis;
const daemon: Daemon = { pidFile: join(redisDir, 'redis.pid'), commandLineMarker: 'redis-server' };

export const redisUrl = `redis://${host}:${port}`;

export const redisService: Service = {
  name: 'redis',
  address: `${host}:${port}`,
  requires: [{ binary: 'redis-server', aptPackage: 'redis-server' }],
  logFiles: [logFile],
  dataPaths: [redisDir],

  async isRunning() {
    return runningPid(daemon) !== undefined;
  },

  isReady: answersPing,

  async start() {
    await assertPortFree(host, port);
    mkdirSync(redisDir, { recursive: true });
    const args = ['--port', String(port), '--bind', host, '--dir', redisDir, '--daemonize', 'no', '--appendonly', 'no'];
    startDetached('redis-server', args, daemon, { outputFile: logFile, cwd: redisDir });
    await waitUntilReady('redis', daemon, answersPing, 30_000);
  },

  async stop() {
    // SIGTERM makes redis save its snapshot and exit, as SHUTDOWN does.
    await stopDaemon(daemon, 30_000);
  },
};

function answersPing(): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host, port, timeout: 1000 });
    const finish = (answered: boolean) => {
      socket.destroy();
      resolvePromise(answered);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply: Buffer) => finish(reply.toString().startsWith('+PONG')));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}
