// A photo or screenshot with its analysis, from either side: a photo finds its imageAnalysis (same
// device and time, by sourceEventId), an analysis finds its photo (by sourceEventId); the original
// image is fetched from /blobs and drawn with the findings over it.
import type { LifestreamClient } from '../graphql/client.ts';
import { eventQuery, imageAnalysesQuery } from '../graphql/documents.ts';
import { AnalysedImage, type Findings } from './analysed-image.tsx';
import { isBlobRef } from './blob-media.tsx';
import { useState } from 'react';
import { useEventArrivals } from '../live/use-event-arrivals.ts';
import { useBlobUrl, type BlobRef } from './use-blob-url.ts';
import { useQuery } from './use-query.ts';

interface PhotoEvent {
  id: string;
  deviceId: string;
  time: string;
  payload: Record<string, unknown>;
}

function ImageWithFindings({ client, image, findings, search }: { client: LifestreamClient; image: BlobRef | undefined; findings: Findings | null; search: string }) {
  const loaded = useBlobUrl(client, image);
  if (!image) return <p className="empty">The image of this analysis is not kept (any more).</p>;
  if (loaded.status === 'loading') return <p className="loading">Loading the image…</p>;
  if (loaded.status === 'error') return <p className="error">Could not load the image: {loaded.message}</p>;
  return <AnalysedImage src={loaded.url} alt="image" findings={findings} search={search} />;
}

/**
 * A camera photo or screenshot: its analysis is stored with the photo's device and time. A photo
 * shown before its analysis exists gets it drawn over it as soon as it is stored.
 */
export function PhotoWithAnalysis({ client, photo, search }: { client: LifestreamClient; photo: PhotoEvent; search: string }) {
  const timeMs = Date.parse(photo.time);
  const [arrivals, setArrivals] = useState(0);
  useEventArrivals(client, ['IMAGE_ANALYSIS'], [photo.deviceId], (arrival) => {
    if (arrival.timeMs === timeMs) setArrivals((n) => n + 1);
  });
  const analyses = useQuery(client, imageAnalysesQuery, { from: new Date(timeMs).toISOString(), to: new Date(timeMs + 1).toISOString(), deviceIds: [photo.deviceId] }, arrivals);
  const analysis = analyses.status === 'done' ? analyses.data.timeline.edges.map((e) => e.node).find((n) => n.__typename === 'ImageAnalysis' && n.sourceEventId === photo.id) : undefined;
  const image = isBlobRef(photo.payload.image) ? photo.payload.image : undefined;
  if (analyses.status === 'loading') return <p className="loading">Loading the analysis…</p>;
  return (
    <>
      {analyses.status === 'error' && <p className="error">Could not load the analysis: {analyses.error.message}</p>}
      <ImageWithFindings client={client} image={image} findings={analysis?.__typename === 'ImageAnalysis' ? analysis : null} search={search} />
    </>
  );
}

/** An imageAnalysis: its own fields are the findings, the image is its source photo's. */
export function AnalysisWithPhoto({ client, analysis, sourceEventId, search }: { client: LifestreamClient; analysis: Findings; sourceEventId: string; search: string }) {
  const source = useQuery(client, eventQuery, { id: sourceEventId });
  if (source.status === 'loading') return <p className="loading">Loading the photo…</p>;
  if (source.status === 'error') return <p className="error">Could not load the photo: {source.error.message}</p>;
  const payload = (source.data.event?.payload ?? {}) as Record<string, unknown>;
  return <ImageWithFindings client={client} image={isBlobRef(payload.image) ? payload.image : undefined} findings={analysis} search={search} />;
}
