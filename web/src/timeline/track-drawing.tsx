// One kind's track inside a lane, in SVG: a line (avg, with a min–max band) or bars of buckets for
// dense kinds, spans or one mark per event once loaded (a photo's thumbnail where it has one), else a
// strip shaded by each bucket's count. Only what falls inside the window is drawn.
import type { KeyboardEvent, ReactElement } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { barTotal, valueRange, type EventMark, type Track } from './lanes.ts';
import { colourOf } from './colors.ts';
import { PhotoThumbnail } from './photo-thumbnail.tsx';
import { timeToX, type TimeWindow } from './scale.ts';
import { kindLabel } from './kind-label.ts';

export interface TrackProps {
  client: LifestreamClient;
  track: Track;
  window: TimeWindow;
  width: number;
  height: number;
  bucketSeconds: number;
  selected: string | null;
  onOpenEvent: (event: EventMark) => void;
  /** A click on a bucket: dense tracks open the event there, shaded strips zoom into it. */
  onOpenBucket: (kind: string, startMs: number, endMs: number) => void;
}


/** A thumbnail's box on its track: as tall as the track allows, 4:3, centred on the event's time. */
export const thumbnailTrackHeight = 64;
const thumbnailSize = { width: 64, height: 48 };

/** What makes a mark or span reachable and openable from the keyboard (Tab, then Enter or Space). */
const openable = (event: EventMark, onOpenEvent: (event: EventMark) => void) => ({
  tabIndex: 0,
  role: 'button',
  'aria-label': `${kindLabel(event.kind)} at ${new Date(event.time).toLocaleTimeString()}: ${event.headline}`,
  onClick: () => onOpenEvent(event),
  onKeyDown: (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onOpenEvent(event);
  },
});

export function TrackDrawing({ client, track, window, width, height, bucketSeconds, selected, onOpenEvent, onOpenBucket }: TrackProps): ReactElement {
  const x = (ms: number) => timeToX(window, width, ms);
  const bucketMs = bucketSeconds * 1000;
  const visible = track.buckets.filter((b) => b.startMs + bucketMs >= window.fromMs && b.startMs <= window.toMs);
  const colour = colourOf(track.kind);
  const bucketWidth = Math.max(1, x(window.fromMs + bucketMs) - x(window.fromMs));
  const label = (
    <text className="track-label" x={4} y={11}>
      {kindLabel(track.kind)}
    </text>
  );

  if (track.drawing === 'line' || track.drawing === 'bars') {
    const [low, high] = valueRange(track);
    const y = (v: number) => height - 3 - ((v - low) / (high - low)) * (height - 16);
    if (track.drawing === 'bars') {
      return (
        <g className="track" data-kind={track.kind}>
          {visible.map((b) => (
            <rect key={b.startMs} className="bar" x={x(b.startMs)} width={Math.max(1, bucketWidth - 1)} y={y(barTotal(b))} height={height - 3 - y(barTotal(b))} fill={colour} onClick={() => onOpenBucket(track.kind, b.startMs, b.startMs + bucketMs)}>
              <title>{`${Math.round(barTotal(b))} ${kindLabel(track.kind)} (${b.count} events)`}</title>
            </rect>
          ))}
          {label}
        </g>
      );
    }
    const centre = (startMs: number) => x(startMs) + bucketWidth / 2;
    const line = visible.map((b, i) => `${i ? 'L' : 'M'}${centre(b.startMs).toFixed(1)},${y(b.avg ?? 0).toFixed(1)}`).join('');
    const band =
      visible.map((b, i) => `${i ? 'L' : 'M'}${centre(b.startMs).toFixed(1)},${y(b.max ?? 0).toFixed(1)}`).join('') +
      [...visible].reverse().map((b) => `L${centre(b.startMs).toFixed(1)},${y(b.min ?? 0).toFixed(1)}`).join('') +
      'Z';
    return (
      <g className="track" data-kind={track.kind}>
        <path d={band} fill={colour} opacity={0.18} />
        <path d={line} fill="none" stroke={colour} strokeWidth={1.5} />
        {visible.map((b) => (
          <rect key={b.startMs} className="hit" x={x(b.startMs)} width={bucketWidth} y={0} height={height} onClick={() => onOpenBucket(track.kind, b.startMs, b.startMs + bucketMs)}>
            <title>{`${kindLabel(track.kind)}: avg ${b.avg?.toFixed(1)}, ${b.min}–${b.max} (${b.count} events)`}</title>
          </rect>
        ))}
        <text className="track-scale" x={width - 4} y={11} textAnchor="end">
          {`${Math.round(low)}–${Math.round(high)}`}
        </text>
        {label}
      </g>
    );
  }

  if (track.spans) {
    return (
      <g className="track" data-kind={track.kind}>
        {track.spans
          .filter((s) => s.endMs >= window.fromMs && s.startMs <= window.toMs)
          .map((s) => {
            const left = x(s.startMs);
            const spanWidth = Math.max(2, x(s.endMs) - left);
            const name = s.event.headline.replace(/^\w+ /, '');
            return (
              <g key={s.event.id} className={`span${selected === s.event.id ? ' selected' : ''}`} data-event-id={s.event.id} {...openable(s.event, onOpenEvent)}>
                <rect x={left} width={spanWidth} y={13} height={height - 15} rx={2} fill={colourOf(name, 62)} />
                {spanWidth > 40 && (
                  <text x={left + 3} y={height - 5} className="span-label">
                    {name.slice(0, Math.floor(spanWidth / 6))}
                  </text>
                )}
                <title>{`${s.event.headline} · ${new Date(s.startMs).toLocaleTimeString()}–${new Date(s.endMs).toLocaleTimeString()}`}</title>
              </g>
            );
          })}
        {label}
      </g>
    );
  }

  if (track.events) {
    return (
      <g className="track" data-kind={track.kind}>
        {track.events
          .filter((e) => Date.parse(e.time) >= window.fromMs && Date.parse(e.time) <= window.toMs)
          .map((e) =>
            e.thumbnail ? (
              <g key={e.id} className={`mark photo${selected === e.id ? ' selected' : ''}`} data-event-id={e.id} {...openable(e, onOpenEvent)}>
                <foreignObject x={x(Date.parse(e.time)) - thumbnailSize.width / 2} y={13} {...thumbnailSize}>
                  <PhotoThumbnail client={client} blob={e.thumbnail} title={e.headline} />
                </foreignObject>
              </g>
            ) : (
              <g key={e.id} className={`mark${selected === e.id ? ' selected' : ''}`} data-event-id={e.id} {...openable(e, onOpenEvent)}>
                <rect x={x(Date.parse(e.time)) - 2} width={4} y={13} height={height - 15} rx={1} fill={colour} />
                <rect className="hit" x={x(Date.parse(e.time)) - 5} width={10} y={0} height={height} />
                <title>{`${new Date(e.time).toLocaleTimeString()} ${e.headline}`}</title>
              </g>
            ),
          )}
        {label}
      </g>
    );
  }

  const most = Math.max(1, ...visible.map((b) => b.count));
  return (
    <g className="track" data-kind={track.kind}>
      {visible.map((b) => (
        <rect key={b.startMs} className="strip" x={x(b.startMs)} width={bucketWidth} y={13} height={height - 15} fill={colour} opacity={0.25 + (0.75 * b.count) / most} onClick={() => onOpenBucket(track.kind, b.startMs, b.startMs + bucketMs)}>
          <title>{`${b.count} ${kindLabel(track.kind)} events: click to zoom in`}</title>
        </rect>
      ))}
      {label}
    </g>
  );
}
