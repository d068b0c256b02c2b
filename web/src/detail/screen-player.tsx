// A screen session as a player: its analysed keyframes in order, scrubbed with a slider, each drawn
// with its boxes (track ids on them) and its text lines over it; a searched word jumps to the first
// frame whose text holds it. Frames of a session still recording appear as they are stored; at the
// newest frame the player follows them.
import { useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { screenFramesQuery } from '../graphql/documents.ts';
import { useEventArrivals } from '../live/use-event-arrivals.ts';
import { AnalysedImage } from './analysed-image.tsx';
import { isBlobRef } from './blob-media.tsx';
import { firstFrameMatching, frameFindings, type ScreenFrame } from './screen-frames.ts';
import { useBlobUrl, type BlobRef } from './use-blob-url.ts';
import { useQuery } from './use-query.ts';

interface Props {
  client: LifestreamClient;
  deviceId: string;
  sessionId: string;
  /** The stretch of time the session's frames lie in. */
  from: string;
  to: string;
  /** The frame to open at; the first when absent. */
  frameIndex?: number;
  search: string;
}

function FrameImage({ client, image, frame, search }: { client: LifestreamClient; image: BlobRef | undefined; frame: ScreenFrame; search: string }) {
  const loaded = useBlobUrl(client, image);
  if (!image) return <p className="empty">This keyframe's image is not kept (any more).</p>;
  if (loaded.status === 'loading') return <p className="loading">Loading the keyframe…</p>;
  if (loaded.status === 'error') return <p className="error">Could not load the keyframe: {loaded.message}</p>;
  return <AnalysedImage src={loaded.url} alt={`keyframe ${frame.frameIndex}`} findings={frameFindings(frame)} search={search} />;
}

/** The frame shown: one by its frameIndex, or the newest, whichever it is as frames arrive. */
type Shown = number | 'newest';

export function ScreenPlayer({ client, deviceId, sessionId, from, to, frameIndex, search }: Props) {
  const [arrivals, setArrivals] = useState(0);
  useEventArrivals(client, ['OBJECT_DETECTIONS'], [deviceId], ({ timeMs }) => {
    if (timeMs >= Date.parse(from) && timeMs < Date.parse(to)) setArrivals((n) => n + 1);
  });
  const state = useQuery(client, screenFramesQuery, { from, to, deviceIds: [deviceId] }, arrivals);
  const [shown, setShown] = useState<Shown | null>(null);
  if (state.status === 'loading') return <p className="loading">Loading the session's frames…</p>;
  if (state.status === 'error') return <p className="error">Could not load the session's frames: {state.error.message}</p>;
  const frames = state.data.timeline.edges
    .map((edge) => edge.node)
    .flatMap((node) => (node.__typename === 'ObjectDetections' && node.sessionId === sessionId ? [{ ...node, image: isBlobRef(node.image) ? node.image : undefined }] : []))
    .sort((a, b) => a.frameIndex - b.frameIndex);
  if (frames.length === 0) return <p className="empty">No analysed frames of session {sessionId} yet.</p>;
  const newest = frames.length - 1;
  const shownAt = (position: number): Shown => (position === newest ? 'newest' : frames[position]!.frameIndex);
  // Opened at the newest frame, the player follows the frames still coming; opened earlier, it stays.
  const opened = shownAt(Math.max(0, frames.findIndex((frame) => frame.frameIndex === frameIndex)));
  if (shown === null) setShown(opened);
  const current = shown ?? opened;
  const position = current === 'newest' ? newest : Math.max(0, frames.findIndex((frame) => frame.frameIndex === current));
  const frame = frames[position]!;
  const match = firstFrameMatching(frames, search);
  return (
    <section className="screen-player" aria-label="Screen session player">
      <FrameImage client={client} image={frame.image} frame={frame} search={search} />
      <label className="scrubber">
        Frame {frame.frameIndex} ({position + 1} of {frames.length}) · {new Date(frame.time).toLocaleTimeString()} · text {frame.ocr === 'SKIPPED' ? 'unchanged' : 'read'}
        {current === 'newest' && ' · following new frames'}
        <input type="range" min={0} max={newest} value={position} onChange={(e) => setShown(shownAt(Number(e.target.value)))} aria-label="Scrub the session" />
      </label>
      {search.trim() &&
        (match >= 0 ? (
          <button type="button" onClick={() => setShown(shownAt(match))}>
            Jump to “{search}” (frame {frames[match]!.frameIndex})
          </button>
        ) : (
          <span className="empty"> “{search}” is in no frame of this session.</span>
        ))}
    </section>
  );
}
