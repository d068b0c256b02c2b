// The events of the view below the timeline, in the view's order (oldest first, or a search's
// matches best first): a page at a time with More for the next, each opening its detail, runs of
// one kind and device collapsed over every page so far.
import type { LifestreamClient } from '../graphql/client.ts';
import type { View } from '../view/url-state.ts';
import { EventList } from './event-list.tsx';
import { useEventPages } from './use-event-pages.ts';

interface Props {
  client: LifestreamClient;
  view: View;
  /** The kinds listed when the view names none and searches no text. */
  unfilteredKinds: readonly string[];
  onOpen: (id: string) => void;
}

const eventCount = (count: number) => `${count} ${count === 1 ? 'event' : 'events'}`;

/** What the list is called (its heading, its loading error and its More button), so far or whole. */
function wording(view: View, count: number, hasMore: boolean) {
  const text = `“${view.text}”`;
  if (!view.text) return { label: 'Events', of: 'the events', more: 'More events', title: count === 0 ? 'Events in view' : hasMore ? `The first ${count} events in view so far` : `${eventCount(count)} in view` };
  const matchWords = (count: number) => `${eventCount(count)} ${count === 1 ? 'matches' : 'match'} ${text}`;
  if (view.order === 'relevance')
    return { label: 'Matches', of: 'the best matches', more: 'More matches', title: count === 0 ? `Best matches for ${text}` : hasMore ? `The ${count} best matches for ${text} so far` : `${matchWords(count)}, best match first` };
  return { label: 'Matches', of: 'the matches', more: 'More matches', title: count === 0 ? `Matches for ${text}` : hasMore ? `The first ${count} matches for ${text} so far` : matchWords(count) };
}

/**
 * Whether runs of one kind and device are one row each. Not in a search: whoever searches wants each
 * match in sight. Not with one kind chosen: its events are what was asked for, and they would be
 * one row per device. Otherwise a run of fixes or notifications is noise between what is looked for.
 */
const collapsesRuns = (view: View) => !view.text && view.kinds.length !== 1;

export function PagedEventList({ client, view, unfilteredKinds, onOpen }: Props) {
  const { events, hasMore, loading, error, loadMore } = useEventPages(client, view, unfilteredKinds);
  // Nothing at all: the page's empty state says so.
  if (!loading && !error && events.length === 0) return null;
  const { label, of, more, title } = wording(view, events.length, hasMore);
  return (
    <EventList label={label} title={title} events={events} shown={events.length} onOpen={onOpen} collapseRuns={collapsesRuns(view)} continues={hasMore}>
      {error && (
        <p className="error">
          Could not load {of}: {error.message}{' '}
          <button type="button" onClick={loadMore}>
            Retry
          </button>
        </p>
      )}
      {loading && <p className="loading">Loading…</p>}
      {hasMore && !loading && !error && (
        <button type="button" className="more" onClick={loadMore}>
          {more}
        </button>
      )}
    </EventList>
  );
}
