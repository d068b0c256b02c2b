// Track ids across the frames of a screen session: each detection of a frame is matched to the
// open track of the same label it overlaps most (IoU, greedy, best pairs first), keeps that track's
// id, and unmatched ones open new tracks. A track missing for more than maxMissedFrames ends.
import { intersectionOverUnion, type Box } from '../images/boxes.ts';

export interface Track {
  id: number;
  label: string;
  box: Box;
  /** Analysed frames in a row it was not seen in. */
  missedFrames: number;
}

export interface Tracks {
  open: Track[];
  nextId: number;
}

export interface TrackingOptions {
  /** A detection continues a track only when their boxes overlap by at least this (0–1). */
  minIou: number;
  maxMissedFrames: number;
}

export const defaultTrackingOptions: TrackingOptions = { minIou: 0.3, maxMissedFrames: 2 };

export const noTracks = (): Tracks => ({ open: [], nextId: 1 });

export interface Tracked<T> {
  tracks: Tracks;
  /** The detections in the order given, each with its track id. */
  detections: (T & { trackId: number })[];
}

export function assignTracks<T extends { label: string; box: Box }>(tracks: Tracks, detections: readonly T[], options: TrackingOptions = defaultTrackingOptions): Tracked<T> {
  const pairs: { track: number; detection: number; iou: number }[] = [];
  tracks.open.forEach((track, t) =>
    detections.forEach((detection, d) => {
      if (detection.label !== track.label) return;
      const iou = intersectionOverUnion(track.box, detection.box);
      if (iou >= options.minIou) pairs.push({ track: t, detection: d, iou });
    }),
  );
  pairs.sort((a, b) => b.iou - a.iou);
  const trackOf = new Map<number, number>();
  const takenTracks = new Set<number>();
  for (const pair of pairs) {
    if (trackOf.has(pair.detection) || takenTracks.has(pair.track)) continue;
    trackOf.set(pair.detection, pair.track);
    takenTracks.add(pair.track);
  }
  let nextId = tracks.nextId;
  const seen: Track[] = [];
  const tracked = detections.map((detection, d) => {
    const matched = trackOf.get(d);
    const id = matched === undefined ? nextId++ : tracks.open[matched]!.id;
    seen.push({ id, label: detection.label, box: detection.box, missedFrames: 0 });
    return { ...detection, trackId: id };
  });
  const missed = tracks.open
    .filter((_, t) => !takenTracks.has(t))
    .map((track) => ({ ...track, missedFrames: track.missedFrames + 1 }))
    .filter((track) => track.missedFrames <= options.maxMissedFrames);
  return { tracks: { open: [...seen, ...missed], nextId }, detections: tracked };
}

/** After a scene cut nothing on screen continues: every track ends, ids keep counting up. */
export const endAllTracks = (tracks: Tracks): Tracks => ({ open: [], nextId: tracks.nextId });
