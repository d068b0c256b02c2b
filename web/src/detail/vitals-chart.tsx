// A chart of a numeric kind (heart rate, steps, battery...) per minute in the hour either side of
// the event, the event's time marked.
import type { LifestreamClient } from '../graphql/client.ts';
import { bucketsQuery } from '../graphql/documents.ts';
import type { EventKind } from '../graphql/generated/graphql.ts';
import { useQuery } from './use-query.ts';

const hourMs = 3_600_000;

export function VitalsChart({ client, kind, deviceId, timeMs, valueField }: { client: LifestreamClient; kind: string; deviceId: string; timeMs: number; valueField: string }) {
  const from = timeMs - hourMs;
  const state = useQuery(client, bucketsQuery, { from: new Date(from).toISOString(), to: new Date(timeMs + hourMs).toISOString(), bucketSeconds: 60, kinds: [kind as EventKind], deviceIds: [deviceId] });
  if (state.status === 'loading') return <p className="loading">Loading the chart…</p>;
  if (state.status === 'error') return <p className="error">Could not load the chart: {state.error.message}</p>;
  const buckets = state.data.timelineBuckets;
  const [width, height] = [360, 140];
  const values = buckets.flatMap((b) => [b.min ?? 0, b.max ?? 0]);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const x = (ms: number) => ((ms - from) / (2 * hourMs)) * width;
  const y = (v: number) => height - 14 - ((v - low) / (high - low || 1)) * (height - 28);
  const line = buckets.map((b, i) => `${i ? 'L' : 'M'}${x(Date.parse(b.start)).toFixed(1)},${y(b.avg ?? 0).toFixed(1)}`).join('');
  return (
    <figure className="vitals">
      <svg width={width} height={height} role="img" aria-label={`${valueField} chart`}>
        <path d={line} className="vitals-line" />
        <line x1={x(timeMs)} x2={x(timeMs)} y1={0} y2={height} className="here-line" />
        <text x={2} y={12}>{Math.round(high)}</text>
        <text x={2} y={height - 2}>{Math.round(low)}</text>
      </svg>
      <figcaption>
        {valueField} per minute, an hour either side ({buckets.length} minutes with data)
      </figcaption>
    </figure>
  );
}
