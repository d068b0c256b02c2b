// The timeline aggregated in time buckets, for drawing dense kinds zoomed out: per kind (and device)
// per bucket, how many events and the min, avg and max of the kind's catalogue `timeline.value`.
// `date_bin` works on plain PostgreSQL as on TimescaleDB; buckets start at `from`.
import { kindNamed } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { snakeCase } from '../schema/naming.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { eventConditions, rangeParams, type EventFilter } from './timeline-where.ts';

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

/** The SQL and its parameters: one GROUP BY per kind's table, UNION ALL, in (start, kind, device) order. */
export function timelineBucketsQuery(filter: BucketFilter): { sql: string; params: unknown[] } {
  const params = rangeParams(filter, filter.bucketSeconds);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  const branches = kinds.map((kind) => {
    const value = kind.timeline.value ? `t.${snakeCase(kind.timeline.value)}` : 'NULL::float8';
    return (
      `SELECT '${kind.name}' AS kind, ${filter.perDevice ? 't.device_id' : 'NULL::text'} AS device_id, ` +
      `(extract(epoch FROM date_bin(make_interval(secs => $3::double precision), t.time, $1::timestamptz)) * 1000)::float8 AS start_ms, ` +
      `count(*)::int AS count, min(${value})::float8 AS min, avg(${value})::float8 AS avg, max(${value})::float8 AS max ` +
      `FROM ${tableName(kind)} t WHERE ${conditionsOf(kind).join(' AND ')} GROUP BY 2, 3`
    );
  });
  if (branches.length === 0) return { sql: '', params };
  return { sql: `SELECT * FROM (${branches.join(' UNION ALL ')}) AS buckets ORDER BY start_ms, kind, device_id`, params };
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
