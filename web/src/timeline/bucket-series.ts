// The server's bucket series (one per kind and device, parallel arrays) read back as the buckets the
// lanes draw: the series keep the answer small, the lanes keep working bucket by bucket.
import type { Bucket } from './lanes.ts';

export interface BucketSeries {
  kind: string;
  deviceId?: string | null;
  starts: readonly string[];
  counts: readonly number[];
  min: readonly (number | null)[];
  avg: readonly (number | null)[];
  max: readonly (number | null)[];
}

export function bucketsOfSeries(series: readonly BucketSeries[]): Bucket[] {
  return series.flatMap((s) => s.starts.map((start, i) => ({ kind: s.kind, deviceId: s.deviceId ?? null, start, count: s.counts[i]!, min: s.min[i] ?? null, avg: s.avg[i] ?? null, max: s.max[i] ?? null })));
}
