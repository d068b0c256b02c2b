// The embedded Federation: memos read straight from Memos' SQLite file, read-only for each call
// (sqlite-file.ts), so Memos keeps writing undisturbed and a replaced file is picked up.
import pRetry from 'p-retry';
import { memoAttachmentOfRow, memoMatches, memoOfRow, memoRelationsOfRows, type MemoAttachmentRow, type MemoRelationRow, type MemoRow } from './memo.ts';
import { memoQueries, memosTables, scanNewestFirst, secondsFrom, type Dialect, type MemoQueries } from './memo-query.ts';
import { MemosUnavailable, type Memos } from './port.ts';
import { memosFileReader, osUser, type Connection } from './sqlite-file.ts';

/** How long a read waits, in all, for a Memos write transaction (rollback-journal mode) to end. */
const busyWaitMs = 2_000;

const sqlite: Dialect = { key: 'id', table: (name) => `"${name}"` };

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** Locks held by a writer, and a -shm that only a writer may (re)build: both pass once Memos is done. */
const isTransient = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(errorCode(error)) || ['SQLITE_READONLY_RECOVERY', 'SQLITE_READONLY_CANTINIT'].includes(errorCode(error));

/** SQLite's answer as a MEMOS_* code and what to do about it. */
export function memosFileError(path: string, error: unknown): unknown {
  const code = errorCode(error);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return new MemosUnavailable('MEMOS_BUSY', `the memos file ${path} stayed locked by a writer (Memos) for ${busyWaitMs / 1000} s; try again`);
  if (code === 'SQLITE_READONLY_RECOVERY' || code === 'SQLITE_READONLY_CANTINIT') {
    return new MemosUnavailable(
      'MEMOS_BUSY',
      `Memos' shared-memory file ${path}-shm must be rebuilt (${code}), which only a process allowed to write it can do: start Memos (it rebuilds it on opening), then try again`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new MemosUnavailable('MEMOS_UNSUPPORTED', `${path} is not a readable SQLite database (${code})`);
  if (/^SQLITE_(CANTOPEN|PERM|AUTH|READONLY|IOERR)/.test(code)) {
    return new MemosUnavailable(
      'MEMOS_UNREADABLE',
      `${osUser()} cannot read ${path} (${code}): it needs read access to the file, and to its -wal and -shm while Memos runs, and search (x) on every folder above it; it needs no write access`,
    );
  }
  return error;
}

function queriesFor(db: Connection, path: string): MemoQueries {
  const names = (sql: string) => new Set((db.prepare(sql).all() as { name: string }[]).map((row) => row.name.toLowerCase()));
  const tables = names(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const schema = new Map(memosTables.filter((table) => tables.has(table)).map((table) => [table, names(`PRAGMA table_info("${table}")`)]));
  return memoQueries(schema, sqlite, path);
}

export function openSqliteMemos(path: string): Memos {
  const readFile = memosFileReader(path);
  const read = async <T>(query: (db: Connection, queries: MemoQueries) => T): Promise<T> => {
    try {
      return await pRetry(() => readFile((db) => query(db, queriesFor(db, path))), { retries: 8, minTimeout: 25, maxTimeout: 400, maxRetryTime: busyWaitMs, shouldRetry: isTransient });
    } catch (error) {
      throw memosFileError(path, error);
    }
  };
  const rows = <Row>(db: Connection, sql: string | undefined): Row[] => (sql ? (db.prepare(sql).all() as Row[]) : []);

  return {
    page: (filter, after, limit) => {
      const range = { ...(filter.from ? { from: secondsFrom(filter.from) } : {}), ...(filter.to ? { to: secondsFrom(filter.to) } : {}) };
      return scanNewestFirst((position, batch) => read((db, queries) => rows<MemoRow>(db, queries.newestFirst(range, position, batch))), filter, after, limit);
    },
    createdBetween: (from, to) =>
      read((db, queries) => rows<MemoRow>(db, queries.oldestFirstBetween(from, to)).map(memoOfRow).filter((memo) => memoMatches(memo, { from, to, includeArchived: false }))),
    commentsOn: (memoIds) => read((db, queries) => rows<MemoRow>(db, queries.commentsOn(memoIds)).map(memoOfRow).filter((memo) => !memo.archived)),
    relationsOf: (memoIds) => read((db, queries) => memoRelationsOfRows(rows<MemoRelationRow>(db, queries.relationsOf(memoIds)))),
    attachmentsOf: (memoIds) => read((db, queries) => rows<MemoAttachmentRow>(db, queries.attachmentsOf(memoIds)).map(memoAttachmentOfRow)),
  };
}
