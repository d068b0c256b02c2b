// Trino as one node (a coordinator that also runs the tasks) over the stack's PostgreSQL, where the
// timeline lives and, through ogr_fdw, the UseMemos tables. Its file-based access control keeps
// the sql field's user to reading (db/sql/trino-access-rules.ts), and its catalogs log in to
// PostgreSQL as the sql role, so that what Trino let through still meets PostgreSQL's privileges.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { literalPattern, trinoAccessRules } from '../../db/sql/trino-access-rules.ts';
import { loadConfig } from '../../schema/config.ts';
import { findJavaHome } from './java-home.ts';
import { database, stackLogins } from './postgres.ts';
import { assertPortFree, type Daemon, runningPid, startDetached, stopDaemon, waitUntilReady } from './processes.ts';
import type { Service } from './service.ts';
import { host, ports } from './settings.ts';
import { ensureTrinoServer, serverDir, trinoDir } from './trino-server.ts';

const etcDir = join(trinoDir, 'etc');
const configFile = join(etcDir, 'config.properties');
// Trino 476 reads the catalog store's settings from this path relative to its working directory,
// which is therefore trinoDir; catalog.config-dir in config.properties is refused as unused.
const catalogStoreFile = join(etcDir, 'catalog-store.properties');
// Also where CREATE CATALOG keeps the catalogs the application adds at run time.
const catalogDir = join(etcDir, 'catalog');
// Trino's log and the JVM's own output. Not Trino's rolling log file (log.path): it starts a new file
// on every start, so the failure report, which shows what a log gained during the attempt, would miss it.
const outputFile = join(trinoDir, 'trino.out');
const logLevelsFile = join(etcDir, 'log.properties');
const accessControlFile = join(etcDir, 'access-control.properties');
const accessRulesFile = join(etcDir, 'access-rules.json');
const daemon: Daemon = { pidFile: join(trinoDir, 'trino.pid'), commandLineMarker: 'io.trino.server.TrinoServer' };

const minimumJavaMajor = 22;

export const trinoUrl = `http://${host}:${ports.trino}`;

/**
 * The catalogs every `up` writes, both on the stack's `lifestream` database: `timeline` for the event
 * tables in schema public, `memos` for the UseMemos foreign tables in schema memos. Two names for one
 * database so that queries keep their shape when Memos moves to a database of its own.
 */
const defaultCatalogs = ['timeline', 'memos'];

/** The Trino users of .stack/env: the application's (TRINO_USER) and the sql field's (TRINO_SQL_USER), as Lifestream's defaults name them. */
export const trinoUsers = { appUser: loadConfig({}).TRINO_USER, sqlUser: loadConfig({}).TRINO_SQL_USER };

export const trinoService: Service = {
  name: 'trino',
  address: `${host}:${ports.trino}`,
  // Java 22+ is not in Debian 12, so it is looked for at start rather than installed.
  requires: [{ binary: 'mvn', aptPackage: 'maven' }],
  logFiles: [outputFile],
  dataPaths: [outputFile, catalogDir],

  async isRunning() {
    if (runningPid(daemon) === undefined) return false;
    // Trino reads these files at start only: a running one with other settings (access control
    // added, a port or password changed) is stopped so that start() brings it up with them.
    if (Object.entries(configFiles()).some(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text)) {
      console.log('trino    its settings changed: restarting it');
      await stopDaemon(daemon, 60_000);
      return false;
    }
    return true;
  },

  isReady: hasStarted,

  async start() {
    await assertPortFree(host, ports.trino);
    // Before the download, so that a machine without a new enough JDK is told at once.
    const javaHome = findJavaHome(minimumJavaMajor, 'Trino');
    await ensureTrinoServer();
    writeConfigs();
    startDetached(join(javaHome, 'bin', 'java'), [...javaArgs(), 'io.trino.server.TrinoServer'], daemon, { outputFile, cwd: trinoDir });
    await waitUntilReady('trino', daemon, hasStarted, 180_000);
  },

  async stop() {
    await stopDaemon(daemon, 60_000);
  },
};

/** Trino answers /v1/info while it is still loading plugins and catalogs; `starting` turns false once it takes queries. */
async function hasStarted(): Promise<boolean> {
  try {
    const response = await fetch(`${trinoUrl}/v1/info`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const info = (await response.json()) as { starting?: boolean };
    return info.starting === false;
  } catch {
    return false;
  }
}

function javaArgs(): string[] {
  return [
    '-Xmx1G',
    '-XX:+ExitOnOutOfMemoryError',
    // Trino measures objects with JOL, which attaches an agent to its own JVM at start.
    '-Djdk.attach.allowAttachSelf=true',
    '-XX:+EnableDynamicAgentLoading',
    `-Dconfig=${configFile}`,
    '-cp', join(serverDir, 'lib', '*'),
  ];
}

/** The files every start writes, by path; catalogs added at run time stay beside them. */
function configFiles(): Record<string, string> {
  // The stack's two catalogs, and the tests' per-run ones (timeline_<run>, memos_<run>: test/harness.ts).
  const catalogs = `(${defaultCatalogs.map(literalPattern).join('|')})(_[a-z0-9]+)?`;
  return {
    [configFile]: propertiesText(serverProperties()),
    [catalogStoreFile]: propertiesText({ 'catalog.config-dir': catalogDir }),
    // One line per query at INFO would grow trino.out without end on a long-lived stack.
    [logLevelsFile]: propertiesText({ 'io.trino.event.QueryMonitor': 'WARN' }),
    [accessControlFile]: propertiesText({ 'access-control.name': 'file', 'security.config-file': accessRulesFile }),
    [accessRulesFile]: `${JSON.stringify(trinoAccessRules({ ...trinoUsers, catalogs, appManagesCatalogs: true }), null, 2)}\n`,
    ...Object.fromEntries(defaultCatalogs.map((catalog) => [join(catalogDir, `${catalog}.properties`), propertiesText(postgresCatalogProperties())])),
  };
}

/** Rewritten on every start so that changed ports take effect. */
function writeConfigs(): void {
  mkdirSync(catalogDir, { recursive: true });
  for (const [path, text] of Object.entries(configFiles())) writeFileSync(path, text, { mode: 0o600 });
}

function serverProperties(): Record<string, string | number | boolean> {
  return {
    'node.environment': 'lifestream',
    'node.id': 'lifestream-stack',
    coordinator: true,
    'node-scheduler.include-coordinator': true,
    'http-server.http.port': ports.trino,
    'discovery.uri': `http://${host}:${ports.trino}`,
    // Without these two it listens on every address.
    'node.bind-ip': host,
    'node.internal-address': host,
    'query.max-memory': '512MB',
    'query.max-memory-per-node': '512MB',
    // Lets the application run CREATE CATALOG ... USING postgresql at run time. The file store (the
    // default) also loads the catalog files written here; the memory store would ignore them.
    'catalog.management': 'dynamic',
    'catalog.store': 'file',
    // The launcher would link plugin/ into the working directory; we start java ourselves.
    'plugin.dir': join(serverDir, 'plugin'),
    'log.levels-file': logLevelsFile,
    'access-control.config-files': accessControlFile,
    // The HTTP request log, which would go to var/log/ under the working directory: not needed here.
    'http-server.log.enabled': false,
  };
}

/** As the sql role: whatever Trino lets through, PostgreSQL refuses all but reading the event and memos tables. */
function postgresCatalogProperties(): Record<string, string> {
  const { reader } = stackLogins();
  return {
    'connector.name': 'postgresql',
    'connection-url': `jdbc:postgresql://${host}:${ports.postgres}/${database}`,
    'connection-user': reader.name,
    'connection-password': reader.password,
  };
}

function propertiesText(properties: Record<string, string | number | boolean>): string {
  return Object.entries(properties).map(([key, value]) => `${key}=${value}\n`).join('');
}
