// The matches of a search best first, below the timeline: a page at a time with More for the next,
// each opening its detail as the list in time order does.
import type { LifestreamClient } from '../graphql/client.ts';
import type { View } from '../view/url-state.ts';
import { EventList } from './event-list.tsx';
import { useRankedMatches } from './use-ranked-matches.ts';

interface Props {
  client: LifestreamClient;
  view: View;
  onOpen: (id: string) => void;
}

export function RankedMatchList({ client, view, onOpen }: Props) {
  const { matches, hasMore, loading, error, loadMore } = useRankedMatches(client, view);
  // No match at all: the page's empty state says so, as it does in time order.
  if (!loading && !error && matches.length === 0) return null;
  const count = matches.length;
  const title =
    count === 0 ? `Best matches for “${view.text}”` : hasMore ? `The ${count} best matches for “${view.text}” so far` : `${count} ${count === 1 ? 'event matches' : 'events match'} “${view.text}”, best match first`;
  return (
    <EventList label="Matches" title={title} events={matches} shown={count} onOpen={onOpen}>
      {error && (
        <p className="error">
          Could not load the best matches: {error.message}{' '}
          <button type="button" onClick={loadMore}>
            Retry
          </button>
        </p>
      )}
      {loading && <p className="loading">Loading…</p>}
      {hasMore && !loading && !error && (
        <button type="button" className="more" onClick={loadMore}>
          More matches
        </button>
      )}
    </EventList>
  );
}
