// `npm run compile` (run by `npm start`, `npm run api` and `npm run consumer` first): the processes'
// entry points as JavaScript in dist/, one bundle each with the packages left as imports, so that
// Node runs them without a TypeScript loader: no tsx hooks, no esbuild service, no transpiled
// sources kept in memory (about 120 MB less at rest). Takes well under a second.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'dist');

/** The entry points and where their bundles go, named as the sources are. */
export const entryPoints = { 'api/main': 'api/main.ts', 'consumers/main': 'consumers/main.ts', 'api/cli': 'api/cli.ts' };

/** The worker threads' modules (openWorkerPool's entries): compiled too, so that no worker needs tsx. */
export const workerEntryPoints = {
  'consumers/images/analysis-worker': 'consumers/images/analysis-worker.ts',
  'consumers/audio/speech-worker': 'consumers/audio/speech-worker.ts',
  'consumers/audio/vad-worker': 'consumers/audio/vad-worker.ts',
  'consumers/screen/frame-worker': 'consumers/screen/frame-worker.ts',
  'consumers/urls/pdf-worker': 'consumers/urls/pdf-worker.ts',
};

/**
 * Each module keeps its own import.meta.url: code that finds files beside it (migrations, the web
 * app, worker modules, models/manifest.json) finds them where they are in the source tree, whichever
 * bundle it is in.
 */
const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const url = `new URL(${JSON.stringify(path)}, 'file://').href`;
      const contents = source.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', JSON.stringify(dirname(path)));
      return { contents, loader: 'ts' };
    });
  },
};

/** Each worker module's source URL (what its pool names as entry) and its compiled bundle's. */
const compiledWorkers = Object.fromEntries(
  Object.entries(workerEntryPoints).map(([out, source]) => [pathToFileURL(join(root, source)).href, pathToFileURL(join(distDir, `${out}.js`)).href]),
);

export async function compile(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries({ ...entryPoints, ...workerEntryPoints }).map(([out, source]) => ({ in: source, out })),
    define: { LIFESTREAM_COMPILED_WORKERS: JSON.stringify(compiledWorkers) },
    outdir: distDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A module imported dynamically (a configured service's client) becomes a chunk of its own, loaded when
    // imported: bundled inline, its packages' imports would be hoisted and loaded at start.
    splitting: true,
    sourcemap: 'linked',
    plugins: [sourceLocations],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await compile();
  console.log(`compiled ${Object.values(entryPoints).join(', ')} into ${relative(process.cwd(), distDir) || '.'}/`);
}
