// Timeline buckets regrouped as one series per kind (and device), the same values in parallel
// arrays: a year of daily buckets is a handful of objects instead of thousands, which is what
// GraphQL execution, garbage collection and JSON encoding spend their time on (docs/benchmarks.md).
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { TimelineBucket } from './timeline-buckets.ts';

export interface BucketSeries {
  kind: EventKindDefinition;
  /** null when the buckets sum over devices. */
  deviceId: string | null;
  starts: Date[];
  counts: number[];
  /** Each bucket's minimum of the kind's value; null where the kind has none. */
  min: (number | null)[];
  avg: (number | null)[];
  max: (number | null)[];
}

/**
 * One series per (kind, device), in the order of each series' first bucket; within a series the
 * buckets keep their order, so the buckets are the series' elements read back by start.
 */
export function bucketSeriesOf(buckets: readonly TimelineBucket[]): BucketSeries[] {
  const byKey = new Map<string, BucketSeries>();
  for (const b of buckets) {
    const key = JSON.stringify([b.kind.name, b.deviceId]);
    let series = byKey.get(key);
    if (!series) {
      series = { kind: b.kind, deviceId: b.deviceId, starts: [], counts: [], min: [], avg: [], max: [] };
      byKey.set(key, series);
    }
    series.starts.push(b.start);
    series.counts.push(b.count);
    series.min.push(b.min);
    series.avg.push(b.avg);
    series.max.push(b.max);
  }
  return [...byKey.values()];
}
