// The timeline's text search in relevance order: the rows the trigram index matched (timeline-text.ts),
// scored by full-text rank against the search's words and paged best first, on (relevance, time, id, device).
import type { TimelineRow } from '../schema/event-codec.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { StatementBounds, Store } from './store.ts';
import { tableName } from './tables.ts';
import { toTimelineRow, type StoredRow, type TimelinePosition } from './timeline-query.ts';
import { searchableText } from './timeline-text.ts';
import { eventConditions, rangeParams, type EventFilter } from './timeline-where.ts';

/** Where a page in relevance order ended: the last row's score, then its place in time. */
export interface RelevancePosition extends Required<TimelinePosition> {
  /** The score as PostgreSQL's float4 gave it: its shortest decimal reads back as the same float4. */
  relevance: number;
}

export interface RelevanceFilter extends EventFilter {
  text: string;
  after?: RelevancePosition;
  limit: number;
}

/** A timeline row found in relevance order, with its score. */
export interface RankedTimelineRow extends TimelineRow {
  relevance: number;
}

// tsvector refuses text over 1 MB, and a PDF's extract can be longer: the score reads the first
// 100,000 characters (at most 50,000 words, well inside the limit); the match itself reads all.
const rankedCharacters = 100_000;

// 1: divided by 1 + log(length in words), so a short note naming the words ranks above a long
// transcript mentioning them once; 32: mapped into [0, 1), rank / (rank + 1).
const normalisation = 1 | 32;

/**
 * The search's words as an OR of word prefixes (`'auror':* | 'forecast':*`): a substring match may end
 * inside a word, and any one word present counts. Built from the lexemes of to_tsvector, each quoted
 * for tsquery, so no search is tsquery syntax. NULL when the search has no word (only punctuation).
 */
const searchWords = (textParam: string) =>
  `(SELECT string_agg('''' || replace(replace(word, E'\\\\', E'\\\\\\\\'), '''', '''''') || ''':*', ' | ')::tsquery FROM unnest(tsvector_to_array(to_tsvector('simple', ${textParam}))) AS word)`;

/** The relevance of table alias t's text against the words of the search. */
export function relevanceOf(kind: EventKindDefinition, textParam: string): string {
  const text = searchableText(kind, 't') ?? `''`;
  return `coalesce(ts_rank_cd(to_tsvector('simple', left(${text}, ${rankedCharacters})), ${searchWords(textParam)}, ${normalisation}), 0)::real`;
}

/** The SQL and its parameters for up to `limit` events whose text contains `text`, best match first, after the given position. */
export function relevanceTimelineQuery(filter: RelevanceFilter): { sql: string; params: unknown[] } {
  const params = rangeParams(filter, filter.limit);
  const { kinds, conditionsOf } = eventConditions(filter, params);
  if (kinds.length === 0) return { sql: '', params };
  params.push(filter.text);
  const textParam = `$${params.length}::text`;
  const after: string[] = [];
  if (filter.after) {
    params.push(String(filter.after.relevance), filter.after.timeUs.toString(), filter.after.id, filter.after.deviceId);
    const [relevance, us, id, device] = [params.length - 3, params.length - 2, params.length - 1, params.length];
    // Score descending, then time, id and device ascending: no row tuple compares in mixed directions.
    after.push(
      `(r.relevance < $${relevance}::real OR (r.relevance = $${relevance}::real AND (t.time, t.id, t.device_id) > ('epoch'::timestamptz + $${us}::bigint * interval '1 microsecond', $${id}::text, $${device}::text)))`,
    );
  }
  // As in time order, each branch sorts and limits plain rows (the whole row t) and encodes only its page as JSON.
  const branches = kinds.map(
    (kind) =>
      `(SELECT '${kind.name}' AS kind, m.time, m.id, m.device_id, m.relevance, to_jsonb(m.t) AS row FROM (` +
      `SELECT t, t.time, t.id, t.device_id, r.relevance FROM ${tableName(kind)} t CROSS JOIN LATERAL (SELECT ${relevanceOf(kind, textParam)} AS relevance) r ` +
      `WHERE ${[...conditionsOf(kind), ...after].join(' AND ')} ORDER BY r.relevance DESC, t.time, t.id, t.device_id LIMIT $3) m)`,
  );
  return { sql: `SELECT kind, relevance, row FROM (${branches.join(' UNION ALL ')}) AS events ORDER BY relevance DESC, time, id, device_id LIMIT $3`, params };
}

/** Up to `limit` events whose text contains `text`, best match first (then oldest first), after the given position. */
export async function queryRelevanceTimeline(store: Store, filter: RelevanceFilter, bounds: StatementBounds): Promise<RankedTimelineRow[]> {
  const { sql, params } = relevanceTimelineQuery(filter);
  if (!sql) return [];
  return (await store.query<StoredRow & { relevance: number }>(sql, params, bounds)).map((stored) => ({ ...toTimelineRow(stored), relevance: stored.relevance }));
}
