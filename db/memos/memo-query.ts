// How memos are read, whichever engine reads them: the SQL that maps a Memos schema version's
// tables onto MemoRow, relation and attachment rows, and the newest-first scan that applies the
// filters. The SQLite reader and the Trino reader differ only in how they run SQL and name things.
import { memoMatches, memoOfRow, type Memo, type MemoFilter, type MemoRow } from './memo.ts';
import { MemosUnavailable, type MemoPosition } from './port.ts';

/** The tables Lifestream reads and their columns, lower-case; a table the version lacks is absent. */
export type MemosSchema = ReadonlyMap<string, ReadonlySet<string>>;

/** Every table memoQueries may read. */
export const memosTables = ['memo', 'user', 'memo_organizer', 'memo_relation', 'resource', 'attachment'] as const;

export interface Dialect {
  /** An INTEGER PRIMARY KEY column: `id` in SQLite, `fid` once ogr_fdw imported it. */
  key: string;
  /** A table's name as the engine spells it, qualified as needed. */
  table(name: string): string;
}

/** Position of a newest-first scan: after this memo come older ones. */
export interface ScanPosition {
  createdTs: number;
  id: number;
}

export interface MemoQueries {
  /** One batch of memos that are not comments, newest first, in [from, to) and after the position. */
  newestFirst(range: { from?: number; to?: number }, after: ScanPosition | undefined, limit: number): string;
  /** Memos that are not comments, created in [from, to), oldest first. */
  oldestFirstBetween(from: Date, to: Date): string;
  // The three below answer undefined when there is nothing to read: no memos asked for, or a
  // version without the table.
  /** Comments on these memos, oldest first (from v0.16, with memo_relation). */
  commentsOn(memoIds: readonly number[]): string | undefined;
  /** Relations from or to these memos as MemoRelationRow (from v0.13). */
  relationsOf(memoIds: readonly number[]): string | undefined;
  /** Attachments of these memos as MemoAttachmentRow, oldest first (from v0.16, resource.memo_id). */
  attachmentsOf(memoIds: readonly number[]): string | undefined;
}

/** Whole seconds from which created_ts (unix seconds) is at or after the time. */
export const secondsFrom = (date: Date) => Math.ceil(date.getTime() / 1000);

/** Every value is an integer from our own code, written inline. */
const integers = (values: readonly number[]) => values.map((v) => Math.trunc(v)).join(', ');

/** The SQL that reads this schema version, or why this file cannot be read. */
export function memoQueries(schema: MemosSchema, dialect: Dialect, source: string): MemoQueries {
  const memo = schema.get('memo');
  if (!memo) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${source} has no memo table: is it Memos' database (memos_prod.db)?`);
  const missing = [dialect.key, 'created_ts', 'content'].filter((c) => !memo.has(c));
  if (missing.length > 0) throw new MemosUnavailable('MEMOS_UNSUPPORTED', `${source}: this Memos schema version is not supported, its memo table lacks ${missing.join(', ')}`);
  const key = dialect.key;
  const column = (name: string) => (memo.has(name) ? `m.${name}` : 'NULL');
  // v0.19–v0.20 named the public id resource_name; before v0.19 there was none (the key serves).
  const uidOf = (alias: string) => (memo.has('uid') ? `${alias}.uid` : memo.has('resource_name') ? `${alias}.resource_name` : 'NULL');
  const withCreator = memo.has('creator_id') && (schema.get('user')?.has('username') ?? false);
  // Before v0.24 pins lived per user in memo_organizer.
  const organizer = !memo.has('pinned') && schema.has('memo_organizer');
  const pinned = memo.has('pinned') ? 'm.pinned' : organizer ? 'o.pinned' : '0';
  const relations = schema.has('memo_relation');
  // A comment is a memo with a COMMENT row pointing at its memo; Memos lists it under that memo only.
  const select = [
    `SELECT m.${key} AS id, ${uidOf('m')} AS uid, ${withCreator ? 'u.username' : 'NULL'} AS creator,`,
    `m.created_ts, ${column('updated_ts')} AS updated_ts, m.content, ${column('visibility')} AS visibility, ${pinned} AS pinned,`,
    `${column('row_status')} AS row_status, ${column('payload')} AS payload, ${relations ? 'c.parent_id' : 'NULL'} AS parent_id`,
    `FROM ${dialect.table('memo')} m`,
    withCreator ? `LEFT JOIN ${dialect.table('user')} u ON u.${key} = m.creator_id` : '',
    organizer ? `LEFT JOIN (SELECT memo_id, max(pinned) AS pinned FROM ${dialect.table('memo_organizer')} GROUP BY memo_id) o ON o.memo_id = m.${key}` : '',
    relations
      ? `LEFT JOIN (SELECT memo_id, min(related_memo_id) AS parent_id FROM ${dialect.table('memo_relation')} WHERE type = 'COMMENT' GROUP BY memo_id) c ON c.memo_id = m.${key}`
      : '',
  ].filter(Boolean).join(' ');
  const where = (conditions: string[]) => {
    const all = [...conditions, relations ? 'c.parent_id IS NULL' : ''].filter(Boolean);
    return all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
  };

  // Attachments moved from resource to attachment in v0.26; resource has had memo_id since v0.16.
  const attachmentTable = schema.has('attachment') ? 'attachment' : 'resource';
  const attachment = schema.get(attachmentTable);
  const attachmentUid = attachment?.has('uid') ? 'a.uid' : attachment?.has('resource_name') ? 'a.resource_name' : 'NULL';

  return {
    newestFirst: (range, after, limit) =>
      `${select}${where([
        range.from !== undefined ? `m.created_ts >= ${Math.trunc(range.from)}` : '',
        range.to !== undefined ? `m.created_ts < ${Math.trunc(range.to)}` : '',
        after ? `(m.created_ts < ${Math.trunc(after.createdTs)} OR (m.created_ts = ${Math.trunc(after.createdTs)} AND m.${key} < ${Math.trunc(after.id)}))` : '',
      ])} ORDER BY m.created_ts DESC, m.${key} DESC LIMIT ${Math.trunc(limit)}`,
    oldestFirstBetween: (from, to) => `${select}${where([`m.created_ts >= ${secondsFrom(from)}`, `m.created_ts < ${secondsFrom(to)}`])} ORDER BY m.created_ts, m.${key}`,
    commentsOn: (memoIds) => (relations && memoIds.length > 0 ? `${select} WHERE c.parent_id IN (${integers(memoIds)}) ORDER BY m.created_ts, m.${key}` : undefined),
    relationsOf: (memoIds) =>
      relations && memoIds.length > 0
        ? [
            `SELECT r.memo_id, ${uidOf('f')} AS memo_uid, r.related_memo_id, ${uidOf('t')} AS related_memo_uid, r.type`,
            `FROM ${dialect.table('memo_relation')} r`,
            `JOIN ${dialect.table('memo')} f ON f.${key} = r.memo_id JOIN ${dialect.table('memo')} t ON t.${key} = r.related_memo_id`,
            `WHERE r.memo_id IN (${integers(memoIds)}) OR r.related_memo_id IN (${integers(memoIds)})`,
            `ORDER BY r.memo_id, r.related_memo_id, r.type`,
          ].join(' ')
        : undefined,
    attachmentsOf: (memoIds) =>
      attachment?.has('memo_id') && memoIds.length > 0
        ? `SELECT a.memo_id, a.${key} AS id, ${attachmentUid} AS uid, a.filename, a.type, a.size, a.created_ts FROM ${dialect.table(attachmentTable)} a WHERE a.memo_id IN (${integers(memoIds)}) ORDER BY a.created_ts, a.${key}`
        : undefined,
  };
}

const scanBatch = 500;

/**
 * Memos matching the filter, newest first: tags live in JSON or in the text depending on the
 * version, so filters apply to parsed memos, batch by batch, until the page is full.
 */
export async function scanNewestFirst(
  fetchBatch: (after: ScanPosition | undefined, batch: number) => Promise<MemoRow[]>,
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
