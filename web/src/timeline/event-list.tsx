// A titled list of events below the timeline (the live arrivals, the events in view), each
// opening its detail; where asked, a run of one kind from one device is one row that opens in place.
import { useMemo, useState, type ReactNode } from 'react';
import { groupRuns, type ListRow, type Run } from './event-runs.ts';
import { kindLabel } from './kind-label.ts';
import type { EventMark } from './lanes.ts';

interface Props {
  label: string;
  title: string;
  events: readonly EventMark[];
  /** How many are listed at most. */
  shown: number;
  onOpen: (id: string) => void;
  /** Runs of one kind and device as one row each (`event-runs.ts`); otherwise every event is a row. */
  collapseRuns?: boolean;
  /** More events follow those listed: a run at the end may go on, and says so. */
  continues?: boolean;
  /** Below the list: its loading, error or More. */
  children?: ReactNode;
}

function EventRow({ event, onOpen }: { event: EventMark; onOpen: (id: string) => void }) {
  return (
    <li data-event-id={event.id}>
      <time>{new Date(event.time).toLocaleString()}</time> <span className="kind">{kindLabel(event.kind)}</span>{' '}
      <a href="#" onClick={(click) => (click.preventDefault(), onOpen(event.id))}>
        {event.headline}
      </a>
    </li>
  );
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const dayOf = (ms: number) => new Date(ms).toDateString();

/** From when to when, in the reader's time: the times alone within a day, with the dates across days. */
function spanText(fromMs: number, toMs: number) {
  if (dayOf(fromMs) === dayOf(toMs)) return `${clock(fromMs)}–${clock(toMs)}`;
  const withDate = (ms: number) => new Date(ms).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
  return `${withDate(fromMs)}–${withDate(toMs)}`;
}

function RunRow({ run, open, goesOn, onToggle, onOpen }: { run: Run<EventMark>; open: boolean; goesOn: boolean; onToggle: () => void; onOpen: (id: string) => void }) {
  const count = `${run.events.length}${goesOn ? ' so far' : ''}`;
  return (
    <li className="run" data-run-kind={run.kind} data-device-id={run.deviceId}>
      <button type="button" className="run-toggle" aria-expanded={open} onClick={onToggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span className="run-summary">
          <span className="kind">{kindLabel(run.kind)}</span>
          {` × ${count}, ${spanText(run.fromMs, run.toMs)}, ${run.deviceId}`}
        </span>
      </button>
      {open && (
        <ol>
          {run.events.map((e) => (
            <EventRow key={e.id} event={e} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function EventList({ label, title, events, shown, onOpen, collapseRuns = false, continues = false, children }: Props) {
  const rows = useMemo<ListRow<EventMark>[]>(() => {
    const listed = events.slice(0, shown);
    return collapseRuns ? groupRuns(listed) : listed.map((event) => ({ event }));
  }, [events, shown, collapseRuns]);
  // A run is open while it holds an event it held when opened, so it stays open as the next page
  // lengthens it (its events, not its place in the list, say which run it is).
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  const isOpen = (run: Run<EventMark>) => run.events.some((e) => opened.has(e.id));
  const toggle = (run: Run<EventMark>) =>
    setOpened((before) => {
      const after = new Set(before);
      const wasOpen = run.events.some((e) => before.has(e.id));
      for (const e of run.events) {
        if (wasOpen) after.delete(e.id);
        else after.add(e.id);
      }
      return after;
    });
  return (
    <section className="event-list" aria-label={label}>
      <h2>{title}</h2>
      <ol>
        {rows.map((row, i) =>
          'run' in row ? (
            <RunRow key={`run-${row.run.events[0]!.id}`} run={row.run} open={isOpen(row.run)} goesOn={continues && i === rows.length - 1} onToggle={() => toggle(row.run)} onOpen={onOpen} />
          ) : (
            <EventRow key={row.event.id} event={row.event} onOpen={onOpen} />
          ),
        )}
      </ol>
      {children}
    </section>
  );
}
