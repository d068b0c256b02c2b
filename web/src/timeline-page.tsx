// The signed-in page: toolbar (zoom, pan, live), filters, the timeline, the live feed and the
// detail panel, all driven by the view in the URL.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EventDetail } from './detail/event-detail.tsx';
import { FilterBar } from './filters/filter-bar.tsx';
import { GraphQLRequestError, type LifestreamClient } from './graphql/client.ts';
import { eventKindsQuery, eventsQuery } from './graphql/documents.ts';
import type { EventKind, EventKindsQuery } from './graphql/generated/graphql.ts';
import { useEventArrivals } from './live/use-event-arrivals.ts';
import { placeOf } from './live/live-arrivals.ts';
import { useLiveEvents } from './live/use-live-events.ts';
import { emptyStateOf } from './timeline/empty-state.ts';
import { EventList } from './timeline/event-list.tsx';
import { buildLanes, kindsOfSingleEvents, type EventMark } from './timeline/lanes.ts';
import { PagedEventList } from './timeline/paged-event-list.tsx';
import { centredOn, minSpanMs, zoomLevelName, zoomStep, type TimeWindow } from './timeline/scale.ts';
import { TimelineView } from './timeline/timeline-view.tsx';
import { useDevicesInView, useTimelineData } from './timeline/use-timeline-data.ts';
import { useUrlView } from './view/use-url-view.ts';
import { withSearch } from './view/url-state.ts';

type KindInfos = EventKindsQuery['eventKinds'];

const refusedCodes = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/** In live mode the window keeps now this far along it. */
const liveShare = 0.9;

export function TimelinePage({ client, onSignOut }: { client: LifestreamClient; onSignOut: (reason: string | null) => void }) {
  const [view, setView] = useUrlView();
  const [kinds, setKinds] = useState<KindInfos | null>(null);
  const [kindsError, setKindsError] = useState<Error | null>(null);
  const [width, setWidth] = useState(0);
  const [reloads, setReloads] = useState(0);
  const [nowMs, setNowMs] = useState(() => Date.now());

  useEffect(() => {
    client.query(eventKindsQuery, {}).then(
      (data) => setKinds(data.eventKinds),
      (error: Error) => {
        if (error instanceof GraphQLRequestError && refusedCodes.has(error.code ?? '')) onSignOut(`This token cannot read the timeline (${error.message}). Sign in with a read token.`);
        else setKindsError(error);
      },
    );
  }, [client, onSignOut]);

  const data = useTimelineData(client, kinds, view, width, reloads);
  const devices = useDevicesInView(client, view);
  const live = useLiveEvents(client, view.live, view.kinds, view.devices);

  // Live: follow now, and fold what arrived into the aggregates once it settles.
  useEffect(() => {
    if (!view.live) return;
    const follow = () => {
      const now = Date.now();
      setNowMs(now);
      setView((v) => {
        const span = v.window.toMs - v.window.fromMs;
        const share = (now - v.window.fromMs) / span;
        return share > 0.97 || share < 0 ? { ...v, window: { fromMs: Math.round(now - liveShare * span), toMs: Math.round(now + (1 - liveShare) * span) } } : v;
      });
    };
    follow();
    const timer = setInterval(follow, 5_000);
    return () => clearInterval(timer);
  }, [view.live, setView]);
  useEffect(() => {
    if (!live.events.length) return;
    const timer = setTimeout(() => setReloads((r) => r + 1), 1_500);
    return () => clearTimeout(timer);
  }, [live.events]);

  // A photo in view analysed: its thumbnail is drawn without a reload, live mode or not.
  const [analysesArrived, setAnalysesArrived] = useState(0);
  useEventArrivals(client, ['IMAGE_ANALYSIS'], view.devices, ({ timeMs }) => {
    if (timeMs >= view.window.fromMs && timeMs < view.window.toMs) setAnalysesArrived((n) => n + 1);
  });
  useEffect(() => {
    if (!analysesArrived) return;
    const timer = setTimeout(() => setReloads((r) => r + 1), 500);
    return () => clearTimeout(timer);
  }, [analysesArrived]);

  const singleEventKinds = useMemo(() => (kinds ? kindsOfSingleEvents(kinds) : null), [kinds]);
  const lanes = useMemo(() => {
    if (!kinds) return [];
    // What arrived live stands in for what was loaded at its place, and a moved event leaves its old one.
    const left = new Set(live.left);
    const loaded = data.events.filter((e) => !left.has(placeOf(e, e.time)));
    const drawnAsEvents = new Set(data.events.map((e) => e.kind));
    const arrived = live.events.filter((e) => drawnAsEvents.has(e.kind) || !data.buckets.some((b) => b.kind === e.kind));
    return buildLanes(kinds, data.buckets, [...loaded, ...arrived], view.lanes);
  }, [kinds, data.buckets, data.events, live.events, live.left, view.lanes]);

  const setWindow = useCallback((window: TimeWindow) => setView((v) => ({ ...v, window, live: v.live && window.toMs >= Date.now() })), [setView]);
  const openEvent = useCallback((e: EventMark | string) => setView((v) => ({ ...v, event: typeof e === 'string' ? e : e.id })), [setView]);
  const openBucket = useCallback(
    async (kind: string, startMs: number, endMs: number) => {
      const info = kinds?.find((k) => k.kind === kind);
      if (info?.draw === 'line' || info?.draw === 'bars') {
        const result = await client.query(eventsQuery, { from: new Date(startMs).toISOString(), to: new Date(endMs).toISOString(), kinds: [kind as EventKind], deviceIds: view.devices.length ? view.devices : null, text: view.text || null });
        const first = result.timeline.edges[0]?.node;
        if (first) openEvent(first.id);
      } else setWindow(centredOn((startMs + endMs) / 2, Math.max(minSpanMs, (endMs - startMs) * 6)));
    },
    [client, kinds, view.devices, view.text, openEvent, setWindow],
  );
  const span = view.window.toMs - view.window.fromMs;
  const pan = (share: number) => setWindow({ fromMs: view.window.fromMs + share * span, toMs: view.window.toMs + share * span });
  const emptyState = !data.loading && !data.error && kinds && data.buckets.length === 0 && live.events.length === 0 ? emptyStateOf(view) : null;

  return (
    <div className="page">
      <header className="toolbar">
        <h1>Lifestream</h1>
        <div className="zoom" role="group" aria-label="Zoom">
          <button type="button" onClick={() => setWindow(zoomStep(view.window, -1))} aria-label="Zoom out" title="Zoom out">
            −
          </button>
          <span className="zoom-level" data-testid="zoom-level">
            {zoomLevelName(view.window)}
          </span>
          <button type="button" onClick={() => setWindow(zoomStep(view.window, 1))} aria-label="Zoom in" title="Zoom in">
            +
          </button>
        </div>
        <div className="pan" role="group" aria-label="Move">
          <button type="button" onClick={() => pan(-0.5)} aria-label="Earlier">
            ◀
          </button>
          <button type="button" onClick={() => setWindow(centredOn(Date.now(), span))}>Now</button>
          <button type="button" onClick={() => pan(0.5)} aria-label="Later">
            ▶
          </button>
        </div>
        <span className="range">
          {new Date(view.window.fromMs).toLocaleString()} – {new Date(view.window.toMs).toLocaleString()}
        </span>
        <label className="toggle">
          <input type="checkbox" checked={view.live} onChange={(e) => setView((v) => ({ ...v, live: e.target.checked }))} /> Live
        </label>
        <label className="toggle">
          <input type="checkbox" checked={view.lanes === 'device'} onChange={(e) => setView((v) => ({ ...v, lanes: e.target.checked ? 'device' : 'lane' }))} /> Lanes per device
        </label>
        <button type="button" className="sign-out" onClick={() => onSignOut(null)}>
          Sign out
        </button>
      </header>
      {kinds && <FilterBar view={view} kinds={kinds} devices={devices} onChange={setView} />}
      <div className="status" role="status">
        {kindsError && <p className="error">Could not reach Lifestream: {kindsError.message}</p>}
        {data.error && (
          <p className="error">
            Could not load the timeline: {data.error.message}{' '}
            <button type="button" onClick={() => setReloads((r) => r + 1)}>
              Retry
            </button>
          </p>
        )}
        {live.error && <p className="error">Live updates stopped: {live.error.message}</p>}
        {(data.loading || !kinds) && !data.error && !kindsError && <p className="loading">Loading…</p>}
        {emptyState && (
          <p className="empty" data-empty={emptyState.reason}>
            {emptyState.message}
            {emptyState.reason === 'no-events' && (
              <>
                {' '}
                <code>{emptyState.demoCommand}</code>
              </>
            )}
            {view.text && (
              <>
                {' '}
                <button type="button" onClick={() => setView((v) => withSearch(v, ''))}>
                  Clear search
                </button>
              </>
            )}
            {(view.kinds.length > 0 || view.devices.length > 0) && (
              <>
                {' '}
                <button type="button" onClick={() => setView((v) => ({ ...v, kinds: [], devices: [] }))}>
                  Clear filters
                </button>
              </>
            )}
          </p>
        )}
      </div>
      <div className="body">
        <main>
          <TimelineView
            client={client}
            lanes={lanes}
            window={view.window}
            bucketSeconds={data.bucketSeconds}
            selected={view.event}
            nowMs={view.live ? nowMs : null}
            onWidth={setWidth}
            onWindow={setWindow}
            onOpenEvent={openEvent}
            onOpenBucket={openBucket}
          />
          {singleEventKinds && <PagedEventList client={client} view={view} unfilteredKinds={singleEventKinds} onOpen={openEvent} />}
          {view.live && <EventList label="Live events" title={`Live ${live.events.length ? `· ${live.events.length} new` : '· waiting for events'}`} events={live.events} shown={30} onOpen={openEvent} />}
        </main>
        {view.event && kinds && <EventDetail client={client} id={view.event} kinds={kinds} search={view.text} onClose={() => setView((v) => ({ ...v, event: null }))} onOpen={openEvent} />}
      </div>
    </div>
  );
}
