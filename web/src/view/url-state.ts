// The view a person is looking at, held in the URL's query string so it can be shared and reloaded:
//   ?from=2026-06-01                        a whole day (the browser's time zone)
//   ?from=2026-06-01T07:00:00.000Z&to=...   any window
//   &kinds=HEART_RATE,STEPS &devices=watch,phone &q=design &order=relevance &live=1 &event=<id> &lanes=device
import type { LaneMode } from '../timeline/lanes.ts';
import type { TimeWindow } from '../timeline/scale.ts';

/** How the matches of a search are listed: in time order, or best match first. */
export type MatchOrder = 'time' | 'relevance';

export interface View {
  window: TimeWindow;
  kinds: string[];
  devices: string[];
  text: string;
  /** Only with a text to search: without one there is nothing to rank by. */
  order: MatchOrder;
  live: boolean;
  /** The event open in the detail panel. */
  event: string | null;
  lanes: LaneMode;
}

const dayMs = 86_400_000;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a YYYY-MM-DD date. */
const localMidnight = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const parseTime = (value: string | null) => {
  if (!value) return undefined;
  const ms = dateOnly.test(value) ? localMidnight(value) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/** The view in a query string; what is missing or malformed takes its default (today, everything). */
export function parseView(search: string, nowMs: number): View {
  const params = new URLSearchParams(search);
  const fromMs = parseTime(params.get('from')) ?? localMidnight(localDate(nowMs));
  const toMs = parseTime(params.get('to'));
  const end = toMs !== undefined && toMs > fromMs ? toMs : localMidnight(localDate(fromMs + dayMs + 3_600_000));
  return {
    window: { fromMs, toMs: end },
    kinds: list(params.get('kinds')),
    devices: list(params.get('devices')),
    text: params.get('q') ?? '',
    order: params.get('q')?.trim() && params.get('order') === 'relevance' ? 'relevance' : 'time',
    live: params.get('live') === '1',
    event: params.get('event') || null,
    lanes: params.get('lanes') === 'device' ? 'device' : 'lane',
  };
}

/** The query string of a view, shortest form first: a whole local day is just its date. */
export function serializeView(view: View): string {
  const params = new URLSearchParams();
  const { fromMs, toMs } = view.window;
  const wholeDay = localMidnight(localDate(fromMs)) === fromMs && localMidnight(localDate(fromMs + dayMs + 3_600_000)) === toMs;
  if (wholeDay) params.set('from', localDate(fromMs));
  else {
    params.set('from', new Date(fromMs).toISOString());
    params.set('to', new Date(toMs).toISOString());
  }
  if (view.kinds.length) params.set('kinds', view.kinds.join(','));
  if (view.devices.length) params.set('devices', view.devices.join(','));
  if (view.text) params.set('q', view.text);
  if (view.text.trim() && view.order === 'relevance') params.set('order', 'relevance');
  if (view.live) params.set('live', '1');
  if (view.event) params.set('event', view.event);
  if (view.lanes === 'device') params.set('lanes', 'device');
  return `?${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

/** The view searching for this text; clearing the search drops its order with it, back to the plain timeline. */
export const withSearch = (view: View, text: string): View => ({ ...view, text, order: text.trim() ? view.order : 'time' });
