// How `npm run models` puts a model's files in place and checks them against models/manifest.json.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelEntry } from '../../models/manifest.ts';

/** Moves a model's files from the folder they were written to (then removed) into dir, so that an interrupted build never looks finished. */
export function moveModelFiles(model: ModelEntry, from: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of model.files) renameSync(join(from, file.path), join(dir, file.path));
  rmSync(from, { recursive: true, force: true });
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
