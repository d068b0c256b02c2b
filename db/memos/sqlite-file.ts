// Opens Memos' SQLite file for one read without ever creating a file beside it. In WAL mode (how
// Memos runs SQLite) a read-only connection that finds no -wal and -shm creates both, owned by
// Lifestream's OS user, and leaves them there: Memos, running as another user, then fails every
// write with SQLITE_READONLY. So a WAL-mode file is opened only while Memos' own -wal and -shm are
// there (Memos has it open; a read-only -shm is fine); otherwise no process has it open, the main
// file is complete, and it is read from a copy in memory, as SQLite's immutable=1 would read it.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { userInfo } from 'node:os';
import { MemosUnavailable } from './port.ts';

export type Connection = Database.Database;

/** Reads Memos' file: `query` runs on a connection that is valid only during the call. */
export type MemosFileReader = <T>(query: (db: Connection) => T) => T;

const headerBytes = 100;

/** Who Lifestream runs as, for messages about file permissions. */
export function osUser(): string {
  try {
    return `OS user ${userInfo().username}`;
  } catch {
    return `OS user id ${process.getuid?.() ?? 'unknown'}`;
  }
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new MemosUnavailable('MEMOS_MISSING', `the memos file ${path} (MEMOS_DB) does not exist`);
    throw new MemosUnavailable('MEMOS_UNREADABLE', `${osUser()} cannot see ${path} (${String(code)}): it needs search (x) permission on every folder above the file`);
  }
}

/** Bytes 18 and 19 of the header are 2 in WAL mode (https://www.sqlite.org/fileformat2.html#database_header). */
function inWalMode(path: string): boolean {
  const header = Buffer.alloc(headerBytes);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    throw new MemosUnavailable('MEMOS_UNREADABLE', `${osUser()} cannot read ${path} (${String(code)}): give it read access to the file (and to its -wal and -shm while Memos runs), never write access`);
  }
  try {
    return readSync(fd, header, 0, headerBytes, 0) === headerBytes && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}

const signatureOf = (stats: Stats) => `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;

/**
 * Reads the file at `path` as Memos left it. The in-memory copy of a closed WAL-mode file is kept
 * while the file is unchanged and closed (Memos stopped, or a copy of its file), and dropped as soon
 * as Memos opens it again.
 */
export function memosFileReader(path: string): MemosFileReader {
  let copy: { signature: string; db: Connection } | undefined;
  const dropCopy = () => {
    copy?.db.close();
    copy = undefined;
  };

  /** The copy of a closed file, or undefined when it changed while being read (Memos opened it). */
  const copyOf = (stats: Stats): Connection | undefined => {
    const signature = signatureOf(stats);
    if (copy?.signature === signature) return copy.db;
    dropCopy();
    const image = readFileSync(path);
    if (signatureOf(statSync(path)) !== signature || existsSync(`${path}-shm`)) return undefined;
    // The copy is ours: marked as a rollback-journal database, SQLite reads it without a WAL.
    image[18] = 1;
    image[19] = 1;
    copy = { signature, db: new Database(image, { readonly: true }) };
    return copy.db;
  };

  return (query) => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const stats = statOf(path);
      if (!stats.isFile()) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${path} (MEMOS_DB) is not a file: point it at Memos' database file, memos_prod.db`);
      if (!inWalMode(path) || (existsSync(`${path}-wal`) && existsSync(`${path}-shm`))) {
        dropCopy();
        // better-sqlite3 is synchronous: SQLite's own busy wait would stall the event loop, so a
        // locked file fails at once and the caller retries, asynchronously.
        const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
        try {
          return query(db);
        } finally {
          db.close();
        }
      }
      const db = copyOf(stats);
      if (db) return query(db);
    }
    throw new MemosUnavailable('MEMOS_BUSY', `the memos file ${path} kept changing while it was read with Memos stopped; try again`);
  };
}
