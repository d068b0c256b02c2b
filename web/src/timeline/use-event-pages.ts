// The events of the view listed in its order, a page at a time: oldest first (timeline order TIME,
// with or without a text), or a search's matches best first (RELEVANCE). The first page whenever
// the window, the filters, the text or the order change, the next one when asked for, from the last
// page's cursor (a keyset cursor: the time, or the score, of the last event listed), so each page
// continues the last exactly.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { eventPageQuery } from '../graphql/documents.ts';
import type { EventKind, EventPageQuery, EventPageQueryVariables } from '../graphql/generated/graphql.ts';
import type { View } from '../view/url-state.ts';

export type ListedEvent = EventPageQuery['timeline']['edges'][number]['node'];

export interface EventPages {
  events: ListedEvent[];
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  /** Asks for the next page, or again for the page that failed. */
  loadMore: () => void;
}

/** Events per page: the list grows by this many on each More. */
export const eventPageSize = 50;
/** Waits this long after the last pan or zoom before asking, so a drag asks once, not fifty times. */
const settleMs = 120;

type Listing = Omit<EventPageQueryVariables, 'first' | 'after'>;

interface Pages {
  /** The listing these pages answer. */
  listing: Listing;
  events: ListedEvent[];
  endCursor: string | null;
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
}

const firstPage = (listing: Listing): Pages => ({ listing, events: [], endCursor: null, hasMore: false, loading: true, error: null });

/**
 * `unfilteredKinds`: the kinds listed when the view names none and searches no text (the kinds of
 * single events: a minute-by-minute heart rate is read from its line above, not from a list).
 */
export function useEventPages(client: LifestreamClient, view: View, unfilteredKinds: readonly string[]): EventPages {
  // The listing as plain values, so it is made anew only when one of them changes.
  const { fromMs, toMs } = view.window;
  const [devices, text, order] = [view.devices.join(','), view.text, view.order];
  const kinds = view.kinds.length > 0 || text ? view.kinds.join(',') : unfilteredKinds.join(',');
  const listing = useMemo<Listing>(
    () => ({
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      kinds: kinds ? (kinds.split(',') as EventKind[]) : null,
      deviceIds: devices ? devices.split(',') : null,
      text: text || null,
      order: text.trim() && order === 'relevance' ? 'RELEVANCE' : 'TIME',
    }),
    [fromMs, toMs, kinds, devices, text, order],
  );
  const [pages, setPages] = useState<Pages>(() => firstPage(listing));
  // Requests are numbered and only the latest one's answer is kept: a page of an older listing, or
  // one asked before the listing changed, never lands in the list of a newer one.
  const latest = useRef(0);

  // Asks for the page after `before`'s; the answer (or the error) settles into the list.
  const ask = useCallback(
    (before: Pages) => {
      const request = ++latest.current;
      client.query(eventPageQuery, { ...before.listing, first: eventPageSize, after: before.endCursor }).then(
        ({ timeline }) => {
          if (request !== latest.current) return;
          const page = timeline.edges.map((edge) => edge.node);
          setPages({ ...before, events: [...before.events, ...page], endCursor: timeline.pageInfo.endCursor ?? null, hasMore: timeline.pageInfo.hasNextPage, loading: false, error: null });
        },
        (error: Error) => {
          if (request === latest.current) setPages({ ...before, loading: false, error });
        },
      );
    },
    [client],
  );
  useEffect(() => {
    // A listing replaced before its first page was asked for is never asked for, and an answer to
    // an older one on its way is dropped.
    latest.current++;
    const timer = setTimeout(() => ask(firstPage(listing)), settleMs);
    return () => clearTimeout(timer);
  }, [ask, listing]);
  const loadMore = useCallback(() => {
    if (pages.loading || pages.listing !== listing) return;
    setPages({ ...pages, loading: true, error: null });
    ask(pages);
  }, [ask, pages, listing]);

  // Until the first page of a new listing is asked for and answered, the old listing's pages are not its answer.
  const current = pages.listing === listing ? pages : firstPage(listing);
  return { events: current.events, hasMore: current.hasMore, loading: current.loading, error: current.error, loadMore };
}
