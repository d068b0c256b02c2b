// Reading the timeline: a Relay connection over every kind in (time, id, device) order, or a text
// search's matches best first (order: RELEVANCE), and event(id).
import { queryTimeline } from '../../db/timeline-query.ts';
import { queryRelevanceTimeline } from '../../db/timeline-relevance.ts';
import { kindNamed } from '../../schema/catalogue.ts';
import type { TimelineRow } from '../../schema/event-codec.ts';
import type { StatementBounds, Store } from '../../db/store.ts';
import { builder } from './builder.ts';
import { connectionTypes, pageSize, type Page } from './connection.ts';
import { decodeCursor, decodeRelevanceCursor, encodeCursor, encodeRelevanceCursor } from './cursor.ts';
import { userError } from './errors.ts';
import { eventKindEnum, timelineEventInterface } from './event-types.ts';
import { eventFilterOf, type EventFilterArgs } from './timeline-args.ts';

const pageSizes = { defaultSize: 100, maxSize: 1_000 };

/** A node of the timeline: with its score when the page is in relevance order. */
type TimelineNode = TimelineRow & { relevance?: number };

const cursorOf = (row: TimelineNode) =>
  row.relevance === undefined
    ? encodeCursor({ timeUs: row.timeUs, id: row.id, deviceId: row.deviceId })
    : encodeRelevanceCursor({ relevance: row.relevance, timeUs: row.timeUs, id: row.id, deviceId: row.deviceId });

export const { edge: timelineEdge, connection: timelineConnection } = connectionTypes<TimelineNode>('Timeline', timelineEventInterface, cursorOf);

builder.objectField(timelineEdge, 'relevance', (t) =>
  t.float({
    nullable: true,
    description: 'In order: RELEVANCE, how well the event matches text, in [0, 1): higher is better. Null in time order and on live edges.',
    resolve: ({ node }) => node.relevance ?? null,
  }),
);

const timelineOrderEnum = builder.enumType('TimelineOrder', {
  values: {
    TIME: { value: 'time', description: 'Oldest first: (time, id, device).' },
    RELEVANCE: { value: 'relevance', description: "Best match of text first (TimelineEdge.relevance), then oldest first; needs text." },
  } as const,
});

export interface TimelineArgs extends EventFilterArgs {
  first?: number | null;
  after?: string | null;
  order?: 'time' | 'relevance' | null;
}

/** One page of the timeline, with the arguments checked: the timeline query and Memo.context. */
export async function timelinePage(store: Store, args: TimelineArgs, bounds: StatementBounds): Promise<Page<TimelineNode>> {
  const first = pageSize(args.first, pageSizes);
  const filter = eventFilterOf(args);
  if (args.order === 'relevance') {
    if (filter.text === undefined) throw userError('BAD_USER_INPUT', 'order: RELEVANCE ranks the events that match text: give text, or leave order at TIME');
    const after = args.after == null ? undefined : decodeRelevanceCursor(args.after);
    if (args.after != null && !after) throw userError('BAD_CURSOR', 'after is not a cursor this API returned in order: RELEVANCE (a cursor of the time order does not page the relevance order)');
    const rows = await queryRelevanceTimeline(store, { ...filter, text: filter.text, after, limit: first + 1 }, bounds);
    return { nodes: rows.slice(0, first), hasNextPage: rows.length > first, hasPreviousPage: after !== undefined };
  }
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) {
    const ofRelevance = decodeRelevanceCursor(args.after) !== undefined;
    throw userError('BAD_CURSOR', ofRelevance ? 'after is a cursor of order: RELEVANCE: page with the order the cursor came from' : 'after is not a cursor this API returned');
  }
  const rows = await queryTimeline(store, { ...filter, after, limit: first + 1 }, bounds);
  return { nodes: rows.slice(0, first), hasNextPage: rows.length > first, hasPreviousPage: after !== undefined };
}

builder.queryField('timeline', (t) =>
  t.field({
    type: timelineConnection,
    authScopes: { read: true },
    description: 'Events with from <= time < to, oldest first (or, with text and order: RELEVANCE, best match first), across kinds and devices.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      kinds: t.arg({ type: [eventKindEnum], description: 'Only these kinds (default: all; an empty list is refused, BAD_USER_INPUT).' }),
      deviceIds: t.arg.idList({ description: 'Only these devices (default: all).' }),
      first: t.arg.int({ defaultValue: pageSizes.defaultSize, description: `Page size, at most ${pageSizes.maxSize}.` }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
      text: t.arg.string({ description: "Only events whose text (transcripts, OCR text, titles, notes, ...: each kind's catalogue timeline.text fields) contains this, case-insensitive." }),
      order: t.arg({ type: timelineOrderEnum, defaultValue: 'time', description: 'TIME (oldest first) or RELEVANCE (best match of text first; needs text).' }),
    },
    resolve: (_root, args, { store, deadline }) => timelinePage(store, args, deadline.statementBounds),
  }),
);

builder.queryField('event', (t) =>
  t.field({
    type: timelineEventInterface,
    nullable: true,
    authScopes: { read: true },
    description:
      "The event with this id; ids are per device, so when two devices used it, say which with deviceId (else AMBIGUOUS_EVENT_ID). With its kind (as the timeline gave it), only that kind's table is read.",
    args: {
      id: t.arg.id({ required: true }),
      deviceId: t.arg.id({ description: 'The device that sent it.' }),
      kind: t.arg({ type: eventKindEnum, description: "The kind of the event, if known: the lookup reads one table instead of every kind's." }),
    },
    resolve: (_root, { id, deviceId, kind }, { eventById }) =>
      eventById.load({ id: String(id), ...(deviceId == null ? {} : { deviceId: String(deviceId) }), ...(kind == null ? {} : { kind: kindNamed(kind) }) }),
  }),
);
