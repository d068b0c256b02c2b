// The matches of the view's search best first (timeline order: RELEVANCE), a page at a time: the
// first page whenever the search, the window or the filters change, the next one when asked for,
// from the last page's cursor (which carries the score, so each page continues the last exactly).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { rankedMatchesQuery } from '../graphql/documents.ts';
import type { EventKind, RankedMatchesQuery, RankedMatchesQueryVariables } from '../graphql/generated/graphql.ts';
import type { View } from '../view/url-state.ts';

export type RankedMatch = RankedMatchesQuery['timeline']['edges'][number]['node'];

export interface RankedMatches {
  matches: RankedMatch[];
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  /** Asks for the next page, or again for the page that failed. */
  loadMore: () => void;
}

/** Matches per page: the list grows by this many on each More. */
export const rankedPageSize = 50;

type Search = Omit<RankedMatchesQueryVariables, 'first' | 'after'>;

interface Pages {
  /** The search these pages answer. */
  search: Search;
  matches: RankedMatch[];
  endCursor: string | null;
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
}

const firstPage = (search: Search): Pages => ({ search, matches: [], endCursor: null, hasMore: false, loading: true, error: null });

export function useRankedMatches(client: LifestreamClient, view: View): RankedMatches {
  // The search as plain values, so it is made anew only when one of them changes.
  const { fromMs, toMs } = view.window;
  const [kinds, devices, text] = [view.kinds.join(','), view.devices.join(','), view.text];
  const search = useMemo<Search>(
    () => ({
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      kinds: kinds ? (kinds.split(',') as EventKind[]) : null,
      deviceIds: devices ? devices.split(',') : null,
      text,
    }),
    [fromMs, toMs, kinds, devices, text],
  );
  const [pages, setPages] = useState<Pages>(() => firstPage(search));
  // Requests are numbered and only the latest one's answer is kept: a page of an older search, or
  // one asked before the search changed, never lands in the list of a newer one.
  const latest = useRef(0);

  // Asks for the page after `before`'s; the answer (or the error) settles into the list.
  const ask = useCallback(
    (before: Pages) => {
      const request = ++latest.current;
      client.query(rankedMatchesQuery, { ...before.search, first: rankedPageSize, after: before.endCursor }).then(
        ({ timeline }) => {
          if (request !== latest.current) return;
          const page = timeline.edges.map((edge) => edge.node);
          setPages({ ...before, matches: [...before.matches, ...page], endCursor: timeline.pageInfo.endCursor ?? null, hasMore: timeline.pageInfo.hasNextPage, loading: false, error: null });
        },
        (error: Error) => {
          if (request === latest.current) setPages({ ...before, loading: false, error });
        },
      );
    },
    [client],
  );
  useEffect(() => ask(firstPage(search)), [ask, search]);
  const loadMore = useCallback(() => {
    if (pages.loading) return;
    setPages({ ...pages, loading: true, error: null });
    ask(pages);
  }, [ask, pages]);

  // Until the effect asks for a new search's first page, the old search's pages are not its answer.
  const current = pages.search === search ? pages : firstPage(search);
  return { matches: current.matches, hasMore: current.hasMore, loading: current.loading, error: current.error, loadMore };
}
