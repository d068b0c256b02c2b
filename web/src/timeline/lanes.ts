// What each lane of the timeline holds: per lane (the catalogue's lane, or the device), one track
// per kind, drawn from server buckets (line, bars, or marks weighted by count) or, when zoomed in
// far enough that a kind has few events in view, from the events themselves. Pure functions.

export type Drawing = 'line' | 'bars' | 'spans' | 'marks';
export type LaneMode = 'lane' | 'device';

export interface KindInfo {
  kind: string;
  lane: string;
  draw: string;
  valueField?: string | null;
}

export interface Bucket {
  kind: string;
  deviceId?: string | null;
  start: string;
  count: number;
  min?: number | null;
  avg?: number | null;
  max?: number | null;
}

export interface MergedBucket {
  startMs: number;
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
}

export interface EventMark {
  id: string;
  kind: string;
  deviceId: string;
  time: string;
  headline: string;
  /** For spans: an event whose action is CLOSED ends the span before it and starts none. */
  action?: string | null;
  /** A photo's thumbnail (WebP blob), drawn instead of the mark. */
  thumbnail?: { sha256: string; mimeType: string };
}

export interface Span {
  startMs: number;
  endMs: number;
  event: EventMark;
}

export interface Track {
  kind: string;
  drawing: Drawing;
  buckets: MergedBucket[];
  /** Present when the kind's events in view are few enough to draw one by one. */
  events?: EventMark[];
  spans?: Span[];
}

export interface Lane {
  key: string;
  title: string;
  tracks: Track[];
}

/** How many events of one kind in view are still drawn one by one (fetched in pages of 1000). */
export const eventBudget = 1_000;

const drawingOf = (info: KindInfo | undefined): Drawing =>
  info?.draw === 'line' || info?.draw === 'bars' || info?.draw === 'spans' ? info.draw : 'marks';

/** Buckets of the same kind and start from several devices as one: counts add, avg weighted by count. */
export function mergeBuckets(buckets: readonly Bucket[]): MergedBucket[] {
  const byStart = new Map<number, MergedBucket & { sum: number; valued: number }>();
  for (const b of buckets) {
    const startMs = Date.parse(b.start);
    const m = byStart.get(startMs) ?? { startMs, count: 0, min: null, avg: null, max: null, sum: 0, valued: 0 };
    m.count += b.count;
    if (b.avg != null) {
      m.sum += b.avg * b.count;
      m.valued += b.count;
      m.min = m.min === null ? (b.min ?? b.avg) : Math.min(m.min, b.min ?? b.avg);
      m.max = m.max === null ? (b.max ?? b.avg) : Math.max(m.max, b.max ?? b.avg);
    }
    byStart.set(startMs, m);
  }
  return [...byStart.values()]
    .sort((a, b) => a.startMs - b.startMs)
    .map(({ startMs, count, min, max, sum, valued }) => ({ startMs, count, min, max, avg: valued ? sum / valued : null }));
}

/** The kinds drawn one event at a time (marks and spans), not as a series of values (lines and bars). */
export const kindsOfSingleEvents = (kinds: readonly KindInfo[]): string[] =>
  kinds.filter((k) => drawingOf(k) === 'marks' || drawingOf(k) === 'spans').map((k) => k.kind);

/** The kinds whose events should be fetched and drawn one by one: marks and spans with few enough in view. */
export function kindsToLoadAsEvents(kinds: readonly KindInfo[], buckets: readonly Bucket[]): string[] {
  const counts = new Map<string, number>();
  for (const b of buckets) counts.set(b.kind, (counts.get(b.kind) ?? 0) + b.count);
  return kinds
    .filter((k) => {
      const drawing = drawingOf(k);
      const count = counts.get(k.kind) ?? 0;
      return (drawing === 'marks' || drawing === 'spans') && count > 0 && count <= eventBudget;
    })
    .map((k) => k.kind);
}

/** Spans from each event to the next of the same device (what had focus until something else did). */
export function spansOf(events: readonly EventMark[]): Span[] {
  const byDevice = new Map<string, EventMark[]>();
  for (const e of events) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
  const spans: Span[] = [];
  for (const list of byDevice.values()) {
    const sorted = [...list].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    sorted.forEach((event, i) => {
      if (event.action === 'CLOSED') return;
      const next = sorted[i + 1];
      const startMs = Date.parse(event.time);
      spans.push({ startMs, endMs: next ? Date.parse(next.time) : startMs, event });
    });
  }
  return spans.sort((a, b) => a.startMs - b.startMs);
}

/** The lanes to draw, in catalogue order: by the catalogue's lane, or one per device. */
export function buildLanes(kinds: readonly KindInfo[], buckets: readonly Bucket[], events: readonly EventMark[], mode: LaneMode): Lane[] {
  const kindOrder = new Map(kinds.map((k, i) => [k.kind, i]));
  const infoOf = new Map(kinds.map((k) => [k.kind, k]));
  const loaded = new Set(events.map((e) => e.kind));
  const laneKey = (kind: string, deviceId: string | null | undefined) => (mode === 'device' ? (deviceId ?? '?') : (infoOf.get(kind)?.lane ?? kind));
  const groups = new Map<string, Map<string, { buckets: Bucket[]; events: EventMark[] }>>();
  const slot = (lane: string, kind: string) => {
    const tracks = groups.get(lane) ?? groups.set(lane, new Map()).get(lane)!;
    return tracks.get(kind) ?? tracks.set(kind, { buckets: [], events: [] }).get(kind)!;
  };
  for (const b of buckets) if (b.count > 0) slot(laneKey(b.kind, b.deviceId), b.kind).buckets.push(b);
  for (const e of events) slot(laneKey(e.kind, e.deviceId), e.kind).events.push(e);

  const firstKind = (tracks: Map<string, unknown>) => Math.min(...[...tracks.keys()].map((k) => kindOrder.get(k) ?? Infinity));
  return [...groups.entries()]
    .sort(([a, ta], [b, tb]) => (mode === 'device' ? a.localeCompare(b) : firstKind(ta) - firstKind(tb)))
    .map(([key, tracks]) => ({
      key,
      title: key,
      tracks: [...tracks.entries()]
        .sort(([a], [b]) => (kindOrder.get(a) ?? Infinity) - (kindOrder.get(b) ?? Infinity))
        .map(([kind, content]) => {
          const drawing = drawingOf(infoOf.get(kind));
          const track: Track = { kind, drawing, buckets: mergeBuckets(content.buckets) };
          if (loaded.has(kind)) {
            track.events = [...content.events].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
            if (drawing === 'spans') track.spans = spansOf(content.events);
          }
          return track;
        }),
    }));
}

/** The value range of a line or bars track, for its y axis (bars start at zero). */
export function valueRange(track: Track): [number, number] {
  const lows = track.buckets.map((b) => (track.drawing === 'bars' ? 0 : (b.min ?? b.avg ?? 0)));
  const highs = track.buckets.map((b) => (track.drawing === 'bars' ? (b.avg ?? 0) * b.count : (b.max ?? b.avg ?? 0)));
  if (!highs.length) return [0, 1];
  const low = Math.min(...lows);
  const high = Math.max(...highs);
  return low === high ? [low - 1, high + 1] : [low, high];
}

/** What a bars track draws per bucket: the total (avg × count), e.g. steps in the bucket. */
export const barTotal = (b: MergedBucket) => (b.avg ?? 0) * b.count;
