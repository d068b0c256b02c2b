// What the timeline draws for a view: buckets from the server for every kind in view (asked as
// series, a few objects even for a year of days), then the events themselves for the sparse kinds
// that have few enough (lanes.ts decides), paged, and the thumbnails of the photos' analyses once
// few enough are in view to show them.
import { useEffect, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { bucketSeriesQuery, eventsQuery, photoThumbnailsQuery } from '../graphql/documents.ts';
import type { EventKind, TimelineEventsQuery } from '../graphql/generated/graphql.ts';
import type { View } from '../view/url-state.ts';
import type { BlobRef } from '../detail/use-blob-url.ts';
import { bucketsOfSeries } from './bucket-series.ts';
import { kindsToLoadAsEvents, type Bucket, type KindInfo } from './lanes.ts';
import { alignToBuckets, bucketSecondsFor } from './scale.ts';

/** An event drawn one by one; an image analysis with its thumbnail when few enough are in view. */
export type LoadedEvent = TimelineEventsQuery['timeline']['edges'][number]['node'] & { thumbnail?: BlobRef };

export interface TimelineData {
  buckets: Bucket[];
  events: LoadedEvent[];
  bucketSeconds: number;
  loading: boolean;
  error: Error | null;
}

/** Waits this long after the last pan or zoom before asking, so a drag is one request, not fifty. */
const settleMs = 120;
/** At most this many pages of events per view (each 1000). */
const maxPages = 10;
/** Photos' thumbnails are shown on the timeline when at most this many analyses are in view. */
export const maxThumbnails = 50;
const analysisKind = 'IMAGE_ANALYSIS';

const asKinds = (kinds: readonly string[]) => (kinds.length ? (kinds as EventKind[]) : null);

export function useTimelineData(client: LifestreamClient, kinds: readonly KindInfo[] | null, view: View, width: number, reloads: number): TimelineData {
  const [data, setData] = useState<TimelineData>({ buckets: [], events: [], bucketSeconds: 60, loading: true, error: null });
  const bucketSeconds = bucketSecondsFor(view.window, Math.max(width, 200));
  const aligned = alignToBuckets(view.window, bucketSeconds);
  const key = JSON.stringify([aligned, bucketSeconds, view.kinds, view.devices, view.text, reloads]);

  useEffect(() => {
    if (!kinds) return;
    let current = true;
    setData((d) => ({ ...d, loading: true }));
    const timer = setTimeout(async () => {
      try {
        const range = { from: new Date(aligned.fromMs).toISOString(), to: new Date(aligned.toMs).toISOString() };
        const filters = { kinds: asKinds(view.kinds), deviceIds: view.devices.length ? view.devices : null, text: view.text || null };
        const { timelineBucketSeries } = await client.query(bucketSeriesQuery, { ...range, bucketSeconds, ...filters });
        const buckets = bucketsOfSeries(timelineBucketSeries);
        const wanted = kindsToLoadAsEvents(kinds, buckets);
        const events: LoadedEvent[] = [];
        if (wanted.length) {
          let after: string | null = null;
          for (let page = 0; page < maxPages; page++) {
            const result: TimelineEventsQuery = await client.query(eventsQuery, { ...range, ...filters, kinds: wanted as EventKind[], after });
            events.push(...result.timeline.edges.map((e) => e.node));
            if (!result.timeline.pageInfo.hasNextPage) break;
            after = result.timeline.pageInfo.endCursor ?? null;
          }
        }
        const analyses = events.filter((e) => e.kind === analysisKind).length;
        if (analyses > 0 && analyses <= maxThumbnails) {
          const { timeline } = await client.query(photoThumbnailsQuery, { ...range, deviceIds: filters.deviceIds, text: filters.text });
          const thumbnails = new Map(timeline.edges.flatMap(({ node }) => (node.__typename === 'ImageAnalysis' && node.thumbnail ? [[node.id, node.thumbnail] as const] : [])));
          events.forEach((e, i) => {
            const thumbnail = thumbnails.get(e.id);
            if (thumbnail) events[i] = { ...e, thumbnail };
          });
        }
        if (current) setData({ buckets, events, bucketSeconds, loading: false, error: null });
      } catch (error) {
        if (current) setData((d) => ({ ...d, loading: false, error: error as Error }));
      }
    }, settleMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // key holds every input that changes the answer
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, kinds, key]);
  return data;
}

/** The devices seen in the window (whatever the device filter), for the filter's choices. */
export function useDevicesInView(client: LifestreamClient, view: View): string[] {
  const [devices, setDevices] = useState<string[]>([]);
  const { fromMs, toMs } = view.window;
  useEffect(() => {
    let current = true;
    const bucketSeconds = Math.max(1, Math.ceil((toMs - fromMs) / 1000));
    client
      .query(bucketSeriesQuery, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), bucketSeconds })
      .then(({ timelineBucketSeries }) => current && setDevices([...new Set(timelineBucketSeries.flatMap((s) => (s.deviceId ? [s.deviceId] : [])))].sort()))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [client, fromMs, toMs]);
  return devices;
}
