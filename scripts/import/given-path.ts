// The file (or folder) a source is imported from, checked before anything is read or sent: a wrong
// path is said in one line naming the source, the path and what to give, not as Node's ENOENT.
import { statSync } from 'node:fs';

/** What the source reads at that path: one file, or a file or a folder searched for files. */
export type GivenPathKind = 'file' | 'file or folder';

export function givenPath(source: string, path: string, what: string, kind: GivenPathKind = 'file'): string {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) throw new Error(`${source}: no ${kind} at ${path}: give the path of ${what}`);
  if (kind === 'file' && stats.isDirectory()) throw new Error(`${source}: ${path} is a folder, not a file: give the path of ${what}`);
  return path;
}
