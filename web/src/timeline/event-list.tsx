// A titled list of events below the timeline (the live arrivals, the events in view), each
// opening its detail.
import type { ReactNode } from 'react';
import type { EventMark } from './lanes.ts';

interface Props {
  label: string;
  title: string;
  events: readonly EventMark[];
  /** How many are listed at most. */
  shown: number;
  onOpen: (id: string) => void;
  /** Below the list: its loading, error or More. */
  children?: ReactNode;
}

export function EventList({ label, title, events, shown, onOpen, children }: Props) {
  return (
    <section className="event-list" aria-label={label}>
      <h2>{title}</h2>
      <ol>
        {events.slice(0, shown).map((e) => (
          <li key={e.id} data-event-id={e.id}>
            <time>{new Date(e.time).toLocaleString()}</time> <span className="kind">{e.kind.toLowerCase().replace(/_/g, ' ')}</span>{' '}
            <a href="#" onClick={(click) => (click.preventDefault(), onOpen(e.id))}>
              {e.headline}
            </a>
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}
