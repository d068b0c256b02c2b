// A copy of models/manifest.json with an edit applied, written to a file of its own: how the tests
// of the models' loaders check that files are found by the roles the manifest gives them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest, type ModelEntry } from '../models/manifest.ts';

/** The committed manifest with `edit` applied, written to `<dir>/<name>.json`; returns the file's path. */
export function editedManifest(dir: string, name: string, edit: (models: ModelEntry[]) => void): string {
  const models = loadManifest();
  edit(models);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ models }));
  return file;
}
