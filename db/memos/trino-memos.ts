// Server mode's Federation: memos read through Trino's memos catalog, where ogr_fdw exposes the
// SQLite file's tables to PostgreSQL (see foreign-tables.ts). ogr_fdw renames the integer key to fid.
import type { Trino } from 'trino-client';
import { trinoRows } from '../trino.ts';
import { memoAttachmentOfRow, memoMatches, memoOfRow, memoRelationsOfRows, type MemoAttachmentRow, type MemoRelationRow, type MemoRow } from './memo.ts';
import { memoQueries, memosTables, scanNewestFirst, secondsFrom, type Dialect, type MemoQueries } from './memo-query.ts';
import { MemosUnavailable, type Memos } from './port.ts';
import { SqlFailure } from '../sql/port.ts';
import { memosSchema } from './foreign-tables.ts';

const schemaTtlMs = 60_000;

export function openTrinoMemos(trino: Trino, catalog: string): Memos {
  const dialect: Dialect = { key: 'fid', table: (name) => `${catalog}.${memosSchema}."${name}"` };
  // Trino hands back bigint and integer columns as numbers already; nothing to convert.
  const rows = async <Row>(sql: string | undefined): Promise<Row[]> => {
    if (!sql) return [];
    try {
      return await trinoRows<Row>(trino, sql);
    } catch (error) {
      if (!(error instanceof SqlFailure)) throw error;
      throw new MemosUnavailable('MEMOS_UNREADABLE', `the memos file could not be read through Trino and ogr_fdw: ${error.message}`);
    }
  };

  const readQueries = async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM ${catalog}.information_schema.columns WHERE table_schema = '${memosSchema}'`,
    );
    const of = (table: string) => new Set(columns.filter((c) => c.table_name === table).map((c) => c.column_name.toLowerCase()));
    const present = new Set(columns.map((c) => c.table_name));
    const schema = new Map(memosTables.filter((table) => present.has(table)).map((table) => [table, of(table)]));
    return memoQueries(schema, dialect, `the memos catalog ${catalog}`);
  };
  // The schema changes only when Memos is upgraded: asking for it once a minute spares every
  // read a Trino round trip (about 100 ms here).
  let cached: { queries: Promise<MemoQueries>; at: number } | undefined;
  const queriesFor = () => {
    if (!cached || Date.now() - cached.at > schemaTtlMs) {
      const queries = readQueries();
      cached = { queries, at: Date.now() };
      queries.catch(() => (cached = undefined));
    }
    return cached.queries;
  };

  return {
    async page(filter, after, limit) {
      const queries = await queriesFor();
      const range = { ...(filter.from ? { from: secondsFrom(filter.from) } : {}), ...(filter.to ? { to: secondsFrom(filter.to) } : {}) };
      return scanNewestFirst((position, batch) => rows<MemoRow>(queries.newestFirst(range, position, batch)), filter, after, limit);
    },
    async createdBetween(from, to) {
      const found = await rows<MemoRow>((await queriesFor()).oldestFirstBetween(from, to));
      return found.map(memoOfRow).filter((memo) => memoMatches(memo, { from, to, includeArchived: false }));
    },
    async commentsOn(memoIds) {
      return (await rows<MemoRow>((await queriesFor()).commentsOn(memoIds))).map(memoOfRow).filter((memo) => !memo.archived);
    },
    async relationsOf(memoIds) {
      return memoRelationsOfRows(await rows<MemoRelationRow>((await queriesFor()).relationsOf(memoIds)));
    },
    async attachmentsOf(memoIds) {
      return (await rows<MemoAttachmentRow>((await queriesFor()).attachmentsOf(memoIds))).map(memoAttachmentOfRow);
    },
  };
}
