// Trino's server from Maven Central, unpacked once into .stack/trino/server with only the plugins the stack uses.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runChecked } from './processes.ts';
import { mavenRepo, stackDir } from './settings.ts';

// 476 is the newest trino-server on Maven Central; later ones and the separate plugin archives are not there.
const trinoVersion = '476';

export const trinoDir = join(stackDir, 'trino');
export const serverDir = join(trinoDir, 'server');
const unpackingDir = join(trinoDir, 'unpacking');
// Holds the version serverDir was unpacked from, written last: missing or different means interrupted or stale.
const unpackedVersionFile = join(serverDir, '.unpacked-version');
const archive = join(mavenRepo, 'io', 'trino', 'trino-server', trinoVersion, `trino-server-${trinoVersion}.tar.gz`);

// The archive is 821 MB with 55 plugins; these paths are 111 MB. The PostgreSQL connector fails to
// load without the geospatial plugin ("Unknown type: Geometry").
const keptPaths = ['bin', 'lib', 'plugin/postgresql', 'plugin/geospatial'];

/** Fetches and unpacks the server unless serverDir already holds this version. */
export async function ensureTrinoServer(): Promise<void> {
  if (existsSync(unpackedVersionFile) && readFileSync(unpackedVersionFile, 'utf8') === trinoVersion) return;
  // Maven moves a download into place only once complete, so an archive that exists is whole.
  if (!existsSync(archive)) await downloadArchive();
  await unpackArchive();
}

async function downloadArchive(): Promise<void> {
  console.log(`fetching trino-server ${trinoVersion} (821 MB) from Maven Central into ${mavenRepo}, once`);
  await runChecked('mvn', [
    '-B', '-q',
    `-Dmaven.repo.local=${mavenRepo}`,
    'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get',
    `-Dartifact=io.trino:trino-server:${trinoVersion}:tar.gz`,
    '-Dtransitive=false',
  ]);
}

/**
 * Unpacks everything, then keeps what we use: the archive hard-links jars shared between plugins,
 * so extracting only the kept paths fails on links whose targets sit in pruned plugins.
 */
async function unpackArchive(): Promise<void> {
  rmSync(unpackingDir, { recursive: true, force: true });
  rmSync(serverDir, { recursive: true, force: true });
  mkdirSync(unpackingDir, { recursive: true });
  try {
    await runChecked('tar', ['-xzf', archive, '-C', unpackingDir, '--strip-components=1']);
    for (const path of keptPaths) {
      mkdirSync(dirname(join(serverDir, path)), { recursive: true });
      renameSync(join(unpackingDir, path), join(serverDir, path));
    }
  } finally {
    rmSync(unpackingDir, { recursive: true, force: true });
  }
  writeFileSync(unpackedVersionFile, trinoVersion);
}
