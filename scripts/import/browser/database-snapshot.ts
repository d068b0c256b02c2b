// A browser's history database read from a copy: the browser may be running, holding the file under
// an exclusive lock (Chrome does, Firefox too) with its latest visits still in the -wal file beside
// it. The main file and its -wal or -journal are copied into a temporary folder and the copy is
// opened, so nothing is ever created or locked beside the browser's own file.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface DatabaseSnapshot {
  db: Database.Database;
  /** Closes the copy and deletes it. */
  close(): void;
}

const companions = ['-wal', '-journal'] as const;

export function openSnapshot(path: string): DatabaseSnapshot {
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  const folder = mkdtempSync(join(tmpdir(), 'lifestream-browser-history-'));
  const copy = join(folder, basename(path));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    copyFileSync(path, copy);
    // A -wal holds committed visits not yet written back; a hot -journal undoes a half-written
    // transaction. Either, copied beside the copy, is applied by SQLite when the copy is opened.
    for (const suffix of companions) if (existsSync(`${path}${suffix}`)) copyFileSync(`${path}${suffix}`, `${copy}${suffix}`);
    const db = new Database(copy, { fileMustExist: true });
    try {
      db.pragma('schema_version');
    } catch (error) {
      db.close();
      throw new Error(`${path} is not an SQLite database (${error instanceof Error ? error.message : String(error)})`);
    }
    return {
      db,
      close() {
        db.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** The tables of `db` missing from `wanted`. */
export function missingTables(db: Database.Database, wanted: readonly string[]): string[] {
  const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name));
  return wanted.filter((t) => !present.has(t));
}
