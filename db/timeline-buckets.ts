// The timeline aggregated in time buckets, for drawing dense kinds zoomed out: per kind (and device)
// per bucket, how many events and the min, avg and max of the kind's catalogue `timeline.value`.
// Buckets start at `from`; they are made of rollup cells (db/timeline-rollups.ts) when whole cells
// make them, else of the rows with `date_bin` (plain PostgreSQL and TimescaleDB alike).
import { kindNamed } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { rollupCellSeconds } from './timeline-rollups.ts';
import { deviceConditions, eventConditions, rangeParams, type EventFilter } from './timeline-where.ts';

export interface BucketFilter extends EventFilter {
  bucketSeconds: number;
  /** One bucket per device rather than one for all devices together. */
  perDevice: boolean;
}

export interface TimelineBucket {
  kind: EventKindDefinition;
  /** null when buckets sum over devices. */
  deviceId: string | null;
  start: Date;
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
}

interface RawBucket {
  kind: string;
  device_id: string | null;
  start_ms: number;
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
}

const binOf = (time: string) => `(extract(epoch FROM date_bin(make_interval(secs => $3::double precision), ${time}, $1::timestamptz)) * 1000)::float8`;
const deviceColumn = (filter: BucketFilter) => (filter.perDevice ? 't.device_id' : 'NULL::text');

/** Buckets from the rows themselves: one GROUP BY per kind's table, UNION ALL, in (start, kind, device) order. */
export function rawTimelineBucketsQuery(filter: BucketFilter): { sql: string; params: unknown[] } {
  const params = rangeParams(filter, filter.bucketSeconds);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  const branches = kinds.map((kind) => {
    const value = kind.timeline.value ? `t.${snakeCase(kind.timeline.value)}` : 'NULL::float8';
    return (
      `SELECT '${kind.name}' AS kind, ${deviceColumn(filter)} AS device_id, ${binOf('t.time')} AS start_ms, ` +
      `count(*)::int AS count, min(${value})::float8 AS min, avg(${value})::float8 AS avg, max(${value})::float8 AS max ` +
      `FROM ${tableName(kind)} t WHERE ${conditionsOf(kind).join(' AND ')} GROUP BY 2, 3`
    );
  });
  if (branches.length === 0) return { sql: '', params };
  return { sql: `SELECT * FROM (${branches.join(' UNION ALL ')}) AS buckets ORDER BY start_ms, kind, device_id`, params };
}

/**
 * The widest rollup cell the buckets can be made of: its width divides the bucket width and `from`
 * falls on one of its boundaries, so every bucket is whole cells. None when no cell fits, or when a
 * text filter needs the rows.
 */
export function rollupCellFor(filter: BucketFilter): number | undefined {
  if (filter.text !== undefined) return undefined;
  const fromMs = filter.from.getTime();
  return rollupCellSeconds.find((s) => filter.bucketSeconds % s === 0 && fromMs % (s * 1000) === 0);
}

/**
 * Buckets from the rollup's cells up to the last whole cell before `to`, and from the rows of the
 * part-cell after it; counts and sums add up, min and max of min and max.
 */
function rollupTimelineBucketsQuery(filter: BucketFilter, cellSeconds: number): { sql: string; params: unknown[] } {
  const cellMs = cellSeconds * 1000;
  const cutMs = Math.max(filter.from.getTime(), Math.floor(filter.to.getTime() / cellMs) * cellMs);
  const params = rangeParams(filter, filter.bucketSeconds, cellSeconds, new Date(cutMs).toISOString(), filter.kinds.map((k) => k.name));
  const devices = deviceConditions(filter, params);
  // TimescaleDB's retention drops whole chunks without firing triggers; chunks of days are whole
  // day cells, so cells ending before a kind's oldest row left are exactly the dropped ones.
  const retained = filter.kinds
    .filter((kind) => kind.retentionDays !== undefined)
    .map((kind) => `(t.kind <> '${kind.name}' OR t.start + make_interval(secs => t.cell_seconds) > (SELECT min(e.time) FROM ${tableName(kind)} e))`);
  const cells =
    `SELECT t.kind, ${deviceColumn(filter)} AS device_id, ${binOf('t.start')} AS start_ms, t.count, t.value_count, t.value_sum, t.value_min, t.value_max FROM timeline_rollup t ` +
    `WHERE ${['t.kind = ANY($6::text[])', 't.cell_seconds = $4', 't.start >= $1::timestamptz', 't.start < $5::timestamptz', '$5::timestamptz <= $2::timestamptz', ...devices, ...retained].join(' AND ')}`;
  const partCell =
    cutMs === filter.to.getTime()
      ? []
      : filter.kinds.map((kind) => {
          const value = kind.timeline.value ? `t.${snakeCase(kind.timeline.value)}::float8` : 'NULL::float8';
          return (
            `SELECT '${kind.name}', ${deviceColumn(filter)}, ${binOf('t.time')}, count(*), count(${value}), coalesce(sum(${value}), 0), min(${value}), max(${value}) ` +
            `FROM ${tableName(kind)} t WHERE ${['t.time >= $5::timestamptz', 't.time < $2::timestamptz', ...devices].join(' AND ')} GROUP BY 2, 3`
          );
        });
  const sql =
    `SELECT kind, device_id, start_ms, sum(count)::int AS count, min(value_min) AS min, (sum(value_sum) / nullif(sum(value_count), 0)::float8) AS avg, max(value_max) AS max ` +
    `FROM (${[cells, ...partCell].join(' UNION ALL ')}) AS parts GROUP BY kind, device_id, start_ms ORDER BY start_ms, kind, device_id`;
  return { sql, params };
}

/** The SQL and its parameters: from the rollups where whole cells make the buckets, else from the rows. */
export function timelineBucketsQuery(filter: BucketFilter): { sql: string; params: unknown[] } {
  if (filter.kinds.length === 0) return { sql: '', params: [] };
  const cellSeconds = rollupCellFor(filter);
  return cellSeconds === undefined ? rawTimelineBucketsQuery(filter) : rollupTimelineBucketsQuery(filter, cellSeconds);
}

export async function queryTimelineBuckets(store: Store, filter: BucketFilter, bounds: StatementBounds): Promise<TimelineBucket[]> {
  const { sql, params } = timelineBucketsQuery(filter);
  if (!sql) return [];
  const rows = await store.query<RawBucket>(sql, params, bounds);
  return rows.map((row) => ({
    kind: kindNamed(row.kind)!,
    deviceId: row.device_id,
    start: new Date(Number(row.start_ms)),
    count: Number(row.count),
    min: row.min === null ? null : Number(row.min),
    avg: row.avg === null ? null : Number(row.avg),
    max: row.max === null ? null : Number(row.max),
  }));
}
