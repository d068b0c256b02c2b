// `npm run build:web` (run by `npm start` and the web e2e suite): builds web/ into web/dist with
// Vite when its sources changed since the last build, so a fresh clone serves the app after
// `npm install && npm start` and an unchanged one starts at once. `--force` builds regardless.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const stampPath = join(web, 'dist', '.source-hash');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.test\.ts$/.test(name) ? [] : [path];
  });
}

/** A hash of everything the build reads: the app's sources, its config and the installed versions. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [...filesUnder(join(web, 'src')), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'package-lock.json')].sort();
  for (const path of inputs) hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

/** Builds web/dist unless it was built from these very sources; says which it did. */
export async function ensureWebBuild({ force = false } = {}): Promise<'built' | 'fresh'> {
  const hash = sourceHash();
  if (!force && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return 'fresh';
  const { build } = await import('vite');
  const started = performance.now();
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampPath, hash);
  console.log(`built the web app into web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureWebBuild({ force: process.argv.includes('--force') });
}
