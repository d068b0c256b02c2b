// Radicale from Debian: a real CalDAV server for the calendar importer's tests. It takes any user
// name and password (auth type none) and keeps each user's calendars apart, so each test works in
// a fresh account.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertPortFree, canConnect, type Daemon, runningPid, startDetached, stopDaemon, waitUntilReady } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports, stackDir } from './settings.ts';

const radicaleDir = join(stackDir, 'radicale');
const configFile = join(radicaleDir, 'radicale.conf');
const logFile = join(radicaleDir, 'radicale.log');
const port = ports.caldav;
const daemon: Daemon = { pidFile: join(radicaleDir, 'radicale.pid'), commandLineMarker: configFile };

export const caldavUrl = `http://${host}:${port}/`;

const answers = () => canConnect(host, port);

export const radicaleService: Service = {
  name: 'caldav',
  address: `${host}:${port}`,
  requires: [{ binary: 'radicale', aptPackage: 'radicale' }],
  logFiles: [logFile],
  dataPaths: [radicaleDir],

  async isRunning() {
    return runningPid(daemon) !== undefined;
  },

  isReady: answers,

  async start() {
    await assertPortFree(host, port);
    mkdirSync(radicaleDir, { recursive: true });
    writeFileSync(
      configFile,
      `# Written by npm run stack; a private CalDAV server for tests.\n[server]\nhosts = ${host}:${port}\n[auth]\ntype = none\n[storage]\nfilesystem_folder = ${join(radicaleDir, 'collections')}\n[logging]\nlevel = warning\n`,
    );
    startDetached('radicale', ['--config', configFile], daemon, { outputFile: logFile, cwd: radicaleDir });
    await waitUntilReady('radicale', daemon, answers, 30_000);
  },

  async stop() {
    await stopDaemon(daemon, 30_000);
  },
};
