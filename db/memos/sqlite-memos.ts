// The embedded Federation: memos read straight from Memos' SQLite file, opened read-only for each
// call (as ogr_fdw does), so Memos keeps writing undisturbed and a replaced file is picked up.
// Every schema version since tags moved out of their own table is understood (see memo.ts).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pRetry from 'p-retry';
import { memoMatches, memoOfRow, type Memo, type MemoRow } from './memo.ts';
import { MemosUnavailable, type Memos } from './port.ts';

/** How long a read waits, in all, for a Memos write transaction (rollback-journal mode) to end. */
const busyWaitMs = 2_000;
const scanBatch = 500;

type Connection = Database.Database;

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

/** The memo columns of the file's schema version, as SELECT expressions named like MemoRow. */
function memoSelect(db: Connection, path: string): string {
  const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name));
  if (!tables.has('memo')) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${path} has no memo table: is it Memos' database (memos_prod.db)?`);
  const columns = new Set((db.prepare(`PRAGMA table_info(memo)`).all() as { name: string }[]).map((c) => c.name));
  const missing = ['id', 'created_ts', 'content'].filter((c) => !columns.has(c));
  if (missing.length > 0) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${path}: this Memos schema version is not supported, its memo table lacks ${missing.join(', ')}`);
  const column = (name: string) => (columns.has(name) ? `m.${name}` : 'NULL');
  const userColumns = tables.has('user') ? new Set((db.prepare(`PRAGMA table_info(user)`).all() as { name: string }[]).map((c) => c.name)) : new Set<string>();
  const creator = columns.has('creator_id') && userColumns.has('username') ? `(SELECT u.username FROM user u WHERE u.id = m.creator_id)` : 'NULL';
  // Versions before the pinned column kept pins per user in memo_organizer.
  const pinned = columns.has('pinned') ? 'm.pinned' : tables.has('memo_organizer') ? `(SELECT max(o.pinned) FROM memo_organizer o WHERE o.memo_id = m.id)` : '0';
  return `SELECT m.id, ${columns.has('uid') ? 'm.uid' : column('resource_name')} AS uid, ${creator} AS creator, m.created_ts, ${column('updated_ts')} AS updated_ts,
    m.content, ${column('visibility')} AS visibility, ${pinned} AS pinned, ${column('row_status')} AS row_status, ${column('payload')} AS payload, ${column('tags')} AS tags
    FROM memo m`;
}

const seconds = (date: Date) => Math.ceil(date.getTime() / 1000);

export function openSqliteMemos(path: string): Memos {
  const attempt = <T>(query: (db: Connection, select: string) => T): T => {
    if (!existsSync(path)) throw new MemosUnavailable('MEMOS_MISSING', `the memos file ${path} (MEMOS_DB) does not exist`);
    // better-sqlite3 is synchronous: SQLite's own busy wait would stall the event loop, so a
    // locked file fails at once and is retried here, asynchronously.
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    try {
      return query(db, memoSelect(db, path));
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
    page(filter, after, limit) {
      return read((db, select) => {
        const found: Memo[] = [];
        let position = after ? { createdTs: Math.floor(after.createdAt.getTime() / 1000), id: after.id } : undefined;
        const conditions = ['(? IS NULL OR m.created_ts >= ?)', '(? IS NULL OR m.created_ts < ?)'];
        const statement = db.prepare(
          `${select} WHERE ${conditions.join(' AND ')} AND (? IS NULL OR m.created_ts < ? OR (m.created_ts = ? AND m.id < ?))
           ORDER BY m.created_ts DESC, m.id DESC LIMIT ?`,
        );
        const from = filter.from ? seconds(filter.from) : null;
        const to = filter.to ? seconds(filter.to) : null;
        // Tags live in JSON or in the text depending on the version, so filters apply here, not in SQL.
        while (found.length < limit) {
          const rows = statement.all(from, from, to, to, position?.createdTs ?? null, position?.createdTs ?? null, position?.createdTs ?? null, position?.id ?? null, scanBatch) as MemoRow[];
          for (const row of rows) {
            const memo = memoOfRow(row);
            if (memoMatches(memo, filter)) found.push(memo);
            if (found.length === limit) break;
          }
          const last = rows.at(-1);
          if (rows.length < scanBatch || !last) break;
          position = { createdTs: last.created_ts, id: last.id };
        }
        return found;
      });
    },
    createdBetween(from, to) {
      return read((db, select) =>
        (db.prepare(`${select} WHERE m.created_ts >= ? AND m.created_ts < ? ORDER BY m.created_ts, m.id`).all(seconds(from), seconds(to)) as MemoRow[])
          .map(memoOfRow)
          .filter((memo) => memoMatches(memo, { from, to, includeArchived: false })),
      );
    },
  };
}
