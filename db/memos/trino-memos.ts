// Server mode's Federation: memos read through Trino's memos catalog, where ogr_fdw exposes the
// SQLite file's tables to PostgreSQL (see foreign-tables.ts). ogr_fdw renames the integer key to fid.
import type { Trino } from 'trino-client';
import { trinoRows } from '../trino.ts';
import { memoMatches, memoOfRow, type MemoRow } from './memo.ts';
import { memoSelect, newestFirstBatch, oldestFirstBetween, scanNewestFirst, secondsFrom, type Dialect } from './memo-query.ts';
import { MemosUnavailable, type Memos } from './port.ts';
import { SqlFailure } from '../sql/port.ts';
import { memosSchema } from './foreign-tables.ts';

const schemaTtlMs = 60_000;

export function openTrinoMemos(trino: Trino, catalog: string): Memos {
  const dialect: Dialect = { key: 'fid', table: (name) => `${catalog}.${memosSchema}."${name}"` };
  // Trino hands back bigint and integer columns as numbers already; nothing to convert.
  const rows = async <Row = MemoRow>(sql: string) => {
    try {
      return await trinoRows<Row>(trino, sql);
    } catch (error) {
      if (!(error instanceof SqlFailure)) throw error;
      throw new MemosUnavailable('MEMOS_UNREADABLE', `the memos file could not be read through Trino and ogr_fdw: ${error.message}`);
    }
  };

  const readSelect = async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM ${catalog}.information_schema.columns WHERE table_schema = '${memosSchema}'`,
    );
    const of = (table: string) => new Set(columns.filter((c) => c.table_name === table).map((c) => c.column_name.toLowerCase()));
    return memoSelect({ tables: new Set(columns.map((c) => c.table_name)), memoColumns: of('memo'), userColumns: of('user') }, dialect, `the memos catalog ${catalog}`);
  };
  // The schema changes only when Memos is upgraded: asking for it once a minute spares every
  // read a Trino round trip (about 100 ms here).
  let cached: { select: Promise<string>; at: number } | undefined;
  const selectFor = () => {
    if (!cached || Date.now() - cached.at > schemaTtlMs) {
      const select = readSelect();
      cached = { select, at: Date.now() };
      select.catch(() => (cached = undefined));
    }
    return cached.select;
  };

  return {
    async page(filter, after, limit) {
      const select = await selectFor();
      const range = { ...(filter.from ? { from: secondsFrom(filter.from) } : {}), ...(filter.to ? { to: secondsFrom(filter.to) } : {}) };
      return scanNewestFirst((position, batch) => rows(newestFirstBatch(select, dialect.key, range, position, batch)), filter, after, limit);
    },
    async createdBetween(from, to) {
      const found = await rows(oldestFirstBetween(await selectFor(), dialect.key, from, to));
      return found.map(memoOfRow).filter((memo) => memoMatches(memo, { from, to, includeArchived: false }));
    },
  };
}
