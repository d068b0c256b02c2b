// The timeline itself: a time axis over lanes, zoomed with the wheel (or a trackpad pinch) around
// the pointer or by pinching two fingers, and panned by dragging. Draws what lanes.ts makes of the
// data; reports clicks.
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import type { Lane, EventMark, Track } from './lanes.ts';
import { axisTicks, panByPixels, pinchZoom, xToTime, zoomAt, zoomStep, type TimeWindow } from './scale.ts';
import { thumbnailTrackHeight, TrackDrawing } from './track-drawing.tsx';

const labelWidth = 112;
const axisHeight = 26;
const trackHeight = (track: Track) => (track.drawing === 'line' || track.drawing === 'bars' ? 54 : track.events?.some((e) => e.thumbnail) ? thumbnailTrackHeight : 30);

interface Props {
  client: LifestreamClient;
  lanes: Lane[];
  window: TimeWindow;
  bucketSeconds: number;
  selected: string | null;
  nowMs: number | null;
  onWidth: (width: number) => void;
  onWindow: (window: TimeWindow) => void;
  onOpenEvent: (event: EventMark) => void;
  onOpenBucket: (kind: string, startMs: number, endMs: number) => void;
}

export function TimelineView({ client, lanes, window, bucketSeconds, selected, nowMs, onWidth, onWindow, onOpenEvent, onOpenBucket }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const drag = useRef<{ x: number; window: TimeWindow; moved: boolean } | null>(null);
  const plotWidth = Math.max(100, width - labelWidth);

  useEffect(() => {
    const element = container.current!;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry!.contentRect.width);
      setWidth(w);
      onWidth(Math.max(100, w - labelWidth));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onWidth]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  const onWheel = useEffectEvent((e: WheelEvent) => {
    const x = e.clientX - container.current!.getBoundingClientRect().left - labelWidth;
    if (x < 0) return;
    e.preventDefault();
    // A trackpad pinch arrives as a wheel with ctrlKey and small deltas.
    onWindow(zoomAt(window, xToTime(window, plotWidth, x), Math.exp(e.deltaY * (e.ctrlKey ? 0.01 : 0.002))));
  });
  useEffect(() => {
    const element = container.current!;
    const listener = (e: WheelEvent) => onWheel(e);
    element.addEventListener('wheel', listener, { passive: false });
    return () => element.removeEventListener('wheel', listener);
  }, []);

  // Pointers down on the timeline: one drags, two pinch.
  const pointers = useRef(new Map<number, number>());
  const pinch = useRef<{ window: TimeWindow; centreX: number; distance: number } | null>(null);
  const plotX = (clientX: number) => clientX - container.current!.getBoundingClientRect().left - labelWidth;

  const onPointerDown = (e: ReactPointerEvent) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    pointers.current.set(e.pointerId, e.clientX);
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [number, number];
      pinch.current = { window, centreX: plotX((a + b) / 2), distance: Math.abs(a - b) };
      drag.current = null;
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
    } else if (pointers.current.size === 1) drag.current = { x: e.clientX, window, moved: false };
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, e.clientX);
    const p = pinch.current;
    if (p && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [number, number];
      onWindow(pinchZoom(p.window, plotWidth, p.centreX, p.distance, Math.abs(a - b)));
      return;
    }
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < 4) return;
    if (!d.moved) (e.currentTarget as Element).setPointerCapture(e.pointerId);
    d.moved = true;
    onWindow(panByPixels(d.window, dx, plotWidth));
  };
  const onPointerUp = (e: ReactPointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
    // A drag that moved is not a click on what lies under the pointer.
    if (drag.current?.moved) addEventListener('click', (ev) => ev.stopPropagation(), { capture: true, once: true });
    drag.current = null;
  };

  // The keyboard: + and − zoom, the arrow keys move by a tenth of the window.
  const onKeyDown = (e: KeyboardEvent) => {
    const change: Record<string, () => TimeWindow> = {
      '+': () => zoomStep(window, 1),
      '=': () => zoomStep(window, 1),
      '-': () => zoomStep(window, -1),
      ArrowLeft: () => panByPixels(window, plotWidth / 10, plotWidth),
      ArrowRight: () => panByPixels(window, -plotWidth / 10, plotWidth),
    };
    const next = change[e.key];
    if (!next) return;
    e.preventDefault();
    onWindow(next());
  };

  const ticks = width ? axisTicks(window, plotWidth) : [];
  const laneBoxes = lanes.reduce<{ lane: Lane; y: number; height: number; heights: number[] }[]>((boxes, lane) => {
    const previous = boxes.at(-1);
    const heights = lane.tracks.map(trackHeight);
    return [...boxes, { lane, y: previous ? previous.y + previous.height : axisHeight, heights, height: heights.reduce((a, b) => a + b, 0) + 6 }];
  }, []);
  const top = laneBoxes.length ? laneBoxes.at(-1)!.y + laneBoxes.at(-1)!.height : axisHeight;
  const nowX = nowMs !== null ? ((nowMs - window.fromMs) / (window.toMs - window.fromMs)) * plotWidth : null;

  return (
    <div className="timeline" ref={container} tabIndex={0} aria-label="Timeline: + and − zoom, the arrow keys move, Tab reaches the events" onKeyDown={onKeyDown} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}>
      {width > 0 && (
        <svg width={width} height={top + 4} role="img" aria-label="Timeline">
          <g className="axis">
            {ticks.map((t) => (
              <g key={t.timeMs} transform={`translate(${labelWidth + t.x},0)`}>
                <line y1={axisHeight - 6} y2={top} />
                <text y={axisHeight - 10} textAnchor="middle">
                  {t.label}
                </text>
              </g>
            ))}
          </g>
          {laneBoxes.map(({ lane, y, height, heights }) => (
            <g key={lane.key} className="lane" data-lane={lane.title} transform={`translate(0,${y})`}>
              <rect className="lane-bg" x={0} width={width} height={height - 2} />
              <text className="lane-title" x={8} y={18}>
                {lane.title}
              </text>
              <svg x={labelWidth} width={plotWidth} height={height}>
                {lane.tracks.map((track, i) => (
                  <g key={track.kind} transform={`translate(0,${3 + heights.slice(0, i).reduce((a, b) => a + b, 0)})`}>
                    <TrackDrawing client={client} track={track} window={window} width={plotWidth} height={heights[i]!} bucketSeconds={bucketSeconds} selected={selected} onOpenEvent={onOpenEvent} onOpenBucket={onOpenBucket} />
                  </g>
                ))}
              </svg>
            </g>
          ))}
          {nowX !== null && nowX >= 0 && nowX <= plotWidth && <line className="now" x1={labelWidth + nowX} x2={labelWidth + nowX} y1={axisHeight - 6} y2={top} />}
        </svg>
      )}
    </div>
  );
}
