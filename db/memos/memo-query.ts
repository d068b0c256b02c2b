// How memos are read, whichever engine reads them: the SELECT that maps a Memos schema version's
// columns onto MemoRow, and the newest-first scan that applies the filters. The SQLite reader and
// the Trino reader differ only in how they run SQL and name things.
import { memoMatches, memoOfRow, type Memo, type MemoFilter, type MemoRow } from './memo.ts';
import { MemosUnavailable, type MemoPosition } from './port.ts';

export interface MemosSchema {
  /** The tables present, lower-case. */
  tables: ReadonlySet<string>;
  memoColumns: ReadonlySet<string>;
  userColumns: ReadonlySet<string>;
}

export interface Dialect {
  /** The memo table's integer key: `id` in SQLite, `fid` once ogr_fdw imported it. */
  key: string;
  /** A table's name as the engine spells it, qualified as needed. */
  table(name: string): string;
}

/** Where MemoRow's columns come from, or why this file cannot be read. */
export function memoSelect(schema: MemosSchema, dialect: Dialect, source: string): string {
  if (!schema.tables.has('memo')) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${source} has no memo table: is it Memos' database (memos_prod.db)?`);
  const missing = [dialect.key, 'created_ts', 'content'].filter((c) => !schema.memoColumns.has(c));
  if (missing.length > 0) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${source}: this Memos schema version is not supported, its memo table lacks ${missing.join(', ')}`);
  const column = (name: string) => (schema.memoColumns.has(name) ? `m.${name}` : 'NULL');
  const withCreator = schema.memoColumns.has('creator_id') && schema.userColumns.has('username');
  // Versions before the pinned column kept pins per user in memo_organizer.
  const organizer = !schema.memoColumns.has('pinned') && schema.tables.has('memo_organizer');
  const pinned = schema.memoColumns.has('pinned') ? 'm.pinned' : organizer ? 'o.pinned' : '0';
  return [
    `SELECT m.${dialect.key} AS id, ${schema.memoColumns.has('uid') ? 'm.uid' : column('resource_name')} AS uid, ${withCreator ? 'u.username' : 'NULL'} AS creator,`,
    `m.created_ts, ${column('updated_ts')} AS updated_ts, m.content, ${column('visibility')} AS visibility, ${pinned} AS pinned,`,
    `${column('row_status')} AS row_status, ${column('payload')} AS payload, ${column('tags')} AS tags`,
    `FROM ${dialect.table('memo')} m`,
    withCreator ? `LEFT JOIN ${dialect.table('user')} u ON u.${dialect.key} = m.creator_id` : '',
    organizer ? `LEFT JOIN (SELECT memo_id, max(pinned) AS pinned FROM ${dialect.table('memo_organizer')} GROUP BY memo_id) o ON o.memo_id = m.${dialect.key}` : '',
  ].join(' ');
}

/** Whole seconds from which created_ts (unix seconds) is at or after the time. */
export const secondsFrom = (date: Date) => Math.ceil(date.getTime() / 1000);

/** The WHERE and ORDER BY of one newest-first batch; every value is a number, written inline. */
export function newestFirstBatch(select: string, key: string, range: { from?: number; to?: number }, after: { createdTs: number; id: number } | undefined, limit: number): string {
  const conditions = [
    range.from !== undefined ? `m.created_ts >= ${Math.trunc(range.from)}` : '',
    range.to !== undefined ? `m.created_ts < ${Math.trunc(range.to)}` : '',
    after ? `(m.created_ts < ${Math.trunc(after.createdTs)} OR (m.created_ts = ${Math.trunc(after.createdTs)} AND m.${key} < ${Math.trunc(after.id)}))` : '',
  ].filter(Boolean);
  return `${select}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY m.created_ts DESC, m.${key} DESC LIMIT ${Math.trunc(limit)}`;
}

export function oldestFirstBetween(select: string, key: string, from: Date, to: Date): string {
  return `${select} WHERE m.created_ts >= ${secondsFrom(from)} AND m.created_ts < ${secondsFrom(to)} ORDER BY m.created_ts, m.${key}`;
}

const scanBatch = 500;

/**
 * Memos matching the filter, newest first: tags live in JSON or in the text depending on the
 * version, so filters apply to parsed memos, batch by batch, until the page is full.
 */
export async function scanNewestFirst(
  fetchBatch: (after: { createdTs: number; id: number } | undefined, batch: number) => Promise<MemoRow[]>,
  filter: MemoFilter,
  after: MemoPosition | undefined,
  limit: number,
): Promise<Memo[]> {
  const found: Memo[] = [];
  let position = after ? { createdTs: Math.floor(after.createdAt.getTime() / 1000), id: after.id } : undefined;
  while (found.length < limit) {
    const rows = await fetchBatch(position, scanBatch);
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
}
