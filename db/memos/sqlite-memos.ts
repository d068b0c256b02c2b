// The embedded Federation: memos read straight from Memos' SQLite file, opened read-only for each
// call (as ogr_fdw does), so Memos keeps writing undisturbed and a replaced file is picked up.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pRetry from 'p-retry';
import { memoMatches, memoOfRow, type MemoRow } from './memo.ts';
import { memoSelect, newestFirstBatch, oldestFirstBetween, scanNewestFirst, secondsFrom, type Dialect } from './memo-query.ts';
import { MemosUnavailable, type Memos } from './port.ts';

/** How long a read waits, in all, for a Memos write transaction (rollback-journal mode) to end. */
const busyWaitMs = 2_000;

type Connection = Database.Database;

const sqlite: Dialect = { key: 'id', table: (name) => `"${name}"` };

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

const isBusy = (error: unknown) => ['SQLITE_BUSY', 'SQLITE_LOCKED'].includes(errorCode(error) ?? '');

function translated(path: string, error: unknown): unknown {
  const code = errorCode(error);
  if (isBusy(error)) return new MemosUnavailable('MEMOS_BUSY', `the memos file ${path} stayed locked by a writer (Memos) for ${busyWaitMs / 1000} s; try again`);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new MemosUnavailable('MEMOS_UNSUPPORTED', `${path} is not a readable SQLite database (${code})`);
  return error;
}

function selectFor(db: Connection, path: string): string {
  const names = (sql: string) => new Set((db.prepare(sql).all() as { name: string }[]).map((row) => row.name.toLowerCase()));
  const tables = names(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  return memoSelect(
    { tables, memoColumns: tables.has('memo') ? names(`PRAGMA table_info(memo)`) : new Set(), userColumns: tables.has('user') ? names(`PRAGMA table_info(user)`) : new Set() },
    sqlite,
    path,
  );
}

export function openSqliteMemos(path: string): Memos {
  const attempt = <T>(query: (db: Connection, select: string) => T): T => {
    if (!existsSync(path)) throw new MemosUnavailable('MEMOS_MISSING', `the memos file ${path} (MEMOS_DB) does not exist`);
    // better-sqlite3 is synchronous: SQLite's own busy wait would stall the event loop, so a
    // locked file fails at once and is retried here, asynchronously.
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    try {
      return query(db, selectFor(db, path));
    } finally {
      db.close();
    }
  };
  const read = async <T>(query: (db: Connection, select: string) => T): Promise<T> => {
    try {
      return await pRetry(() => attempt(query), { retries: 8, minTimeout: 25, maxTimeout: 400, maxRetryTime: busyWaitMs, shouldRetry: isBusy });
    } catch (error) {
      throw translated(path, error);
    }
  };

  return {
    page: (filter, after, limit) => {
      const range = { ...(filter.from ? { from: secondsFrom(filter.from) } : {}), ...(filter.to ? { to: secondsFrom(filter.to) } : {}) };
      return scanNewestFirst((position, batch) => read((db, select) => db.prepare(newestFirstBatch(select, sqlite.key, range, position, batch)).all() as MemoRow[]), filter, after, limit);
    },
    createdBetween: (from, to) =>
      read((db, select) =>
        (db.prepare(oldestFirstBetween(select, sqlite.key, from, to)).all() as MemoRow[]).map(memoOfRow).filter((memo) => memoMatches(memo, { from, to, includeArchived: false })),
      ),
  };
}
