// The time axis: a window of time drawn across a width of pixels, zoomed from years down to minutes
// and panned. Pure functions; the component keeps the window in the URL and redraws from it.
import { scaleTime } from 'd3-scale';

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** The spans the zoom buttons step through, widest first. */
const zoomLevels: readonly { name: string; spanMs: number }[] = [
  { name: '10 years', spanMs: 3652 * day },
  { name: 'year', spanMs: 365 * day },
  { name: 'quarter', spanMs: 91 * day },
  { name: 'month', spanMs: 30 * day },
  { name: 'week', spanMs: 7 * day },
  { name: 'day', spanMs: day },
  { name: '6 hours', spanMs: 6 * hour },
  { name: 'hour', spanMs: hour },
  { name: '15 minutes', spanMs: 15 * minute },
  { name: '5 minutes', spanMs: 5 * minute },
];

export const minSpanMs = zoomLevels.at(-1)!.spanMs;
export const maxSpanMs = zoomLevels[0]!.spanMs;

const spanOf = (w: TimeWindow) => w.toMs - w.fromMs;

/** The window of the same span around `centreMs`. */
export const centredOn = (centreMs: number, spanMs: number): TimeWindow => ({ fromMs: Math.round(centreMs - spanMs / 2), toMs: Math.round(centreMs + spanMs / 2) });

/** Zooms by `factor` (< 1 zooms in) keeping `anchorMs` where it is on screen; the span stays within minutes and years. */
export function zoomAt(w: TimeWindow, anchorMs: number, factor: number): TimeWindow {
  const span = spanOf(w);
  const next = Math.min(maxSpanMs, Math.max(minSpanMs, span * factor));
  const anchorShare = (anchorMs - w.fromMs) / span;
  const fromMs = Math.round(anchorMs - anchorShare * next);
  return { fromMs, toMs: fromMs + Math.round(next) };
}

/** The next zoom level in (`direction` 1) or out (-1) from the current span, around the window's centre. */
export function zoomStep(w: TimeWindow, direction: 1 | -1): TimeWindow {
  const span = spanOf(w);
  const level =
    direction === 1 ? zoomLevels.find((l) => l.spanMs < span * 0.99) : [...zoomLevels].reverse().find((l) => l.spanMs > span * 1.01);
  return centredOn((w.fromMs + w.toMs) / 2, (level ?? (direction === 1 ? zoomLevels.at(-1)! : zoomLevels[0]!)).spanMs);
}

/** Two fingers that started `startDistance` apart and are now `distance` apart zoom around the point between them. */
export const pinchZoom = (start: TimeWindow, width: number, centreX: number, startDistance: number, distance: number): TimeWindow =>
  zoomAt(start, xToTime(start, width, centreX), startDistance / Math.max(1, distance));

/** The window moved by `dx` pixels of a `width`-pixel axis (dragging right goes back in time). */
export function panByPixels(w: TimeWindow, dx: number, width: number): TimeWindow {
  const shift = Math.round((-dx / width) * spanOf(w));
  return { fromMs: w.fromMs + shift, toMs: w.toMs + shift };
}

/** The d3 time scale of the window over `width` pixels (the browser's time zone). */
const timeScale = (w: TimeWindow, width: number) => scaleTime().domain([new Date(w.fromMs), new Date(w.toMs)]).range([0, width]);

export const timeToX = (w: TimeWindow, width: number, timeMs: number) => ((timeMs - w.fromMs) / spanOf(w)) * width;
export const xToTime = (w: TimeWindow, width: number, x: number) => w.fromMs + (x / width) * spanOf(w);

/** Axis ticks about every 110 pixels, at round times, with their labels. */
export function axisTicks(w: TimeWindow, width: number): { timeMs: number; x: number; label: string }[] {
  const scale = timeScale(w, width);
  const ticks = scale.ticks(Math.max(2, Math.floor(width / 110)));
  const format = scale.tickFormat();
  return ticks.map((t) => ({ timeMs: t.getTime(), x: scale(t), label: format(t) }));
}

/** Bucket sizes the server is asked for, all dividing a day or a multiple of it. */
const bucketSizesS: readonly number[] = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 7 * 86400, 30 * 86400];

/** The finest bucket that keeps at least `pxPerBucket` pixels per bucket across the window. */
export function bucketSecondsFor(w: TimeWindow, width: number, pxPerBucket = 3): number {
  const most = Math.max(1, Math.floor(width / pxPerBucket));
  const spanS = spanOf(w) / 1000;
  return bucketSizesS.find((s) => spanS / s <= most) ?? Math.ceil(spanS / most);
}

/** The window widened to whole buckets, so the same buckets come back while panning within one. */
export function alignToBuckets(w: TimeWindow, bucketSeconds: number): TimeWindow {
  const size = bucketSeconds * 1000;
  return { fromMs: Math.floor(w.fromMs / size) * size, toMs: Math.ceil(w.toMs / size) * size };
}

/** The name of the zoom level nearest the window's span, for the toolbar. */
export function zoomLevelName(w: TimeWindow): string {
  const span = spanOf(w);
  return zoomLevels.reduce((best, l) => (Math.abs(Math.log(l.spanMs / span)) < Math.abs(Math.log(best.spanMs / span)) ? l : best)).name;
}
