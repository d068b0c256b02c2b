// The timeline's text search in relevance order: the rows the trigram index matched (timeline-text.ts),
// scored by how often and how densely they hold the search, paged best first on (relevance, time, id, device).
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

/**
 * The relevance of table alias t's text to the search: how often the search occurs in it (as ILIKE
 * matched it, case-insensitive), divided by 1 + ln(1 + its length in characters), so a short note
 * naming it ranks above a long transcript mentioning it once and saying it twice counts; then mapped
 * into [0, 1) by score / (score + 1). Plain string functions: a full-text rank (to_tsvector and
 * ts_rank_cd of every match) cost 5× as much per match and scored the words, not what matched.
 */
export function relevanceOf(kind: EventKindDefinition, textParam: string): string {
  const text = searchableText(kind, 't') ?? `''`;
  const occurrences = `(cardinality(string_to_array(lower(${text}), lower(${textParam}))) - 1)`;
  const lengthWeight = `(1 + ln(1 + length(${text})))`;
  // score / (score + 1) with score = occurrences / lengthWeight, written to split the text only once.
  return `(1 - ${lengthWeight} / (${occurrences} + ${lengthWeight}))::real`;
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
