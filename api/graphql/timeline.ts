// Reading the timeline: a Relay connection over every kind in (time, id, device) order, and event(id).
import { queryTimeline } from '../../db/timeline-query.ts';
import type { TimelineRow } from '../../schema/event-codec.ts';
import type { StatementBounds, Store } from '../../db/store.ts';
import { builder } from './builder.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { userError } from './errors.ts';
import { eventKindEnum, timelineEventInterface } from './event-types.ts';
import { eventFilterOf, type EventFilterArgs } from './timeline-args.ts';

const maxPageSize = 1_000;

interface Page {
  rows: TimelineRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const cursorOf = (row: TimelineRow) => encodeCursor({ timeUs: row.timeUs, id: row.id, deviceId: row.deviceId });

const pageInfo = builder.objectRef<Page>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.string({ nullable: true, resolve: (p) => (p.rows[0] ? cursorOf(p.rows[0]) : null) }),
    endCursor: t.string({ nullable: true, resolve: (p) => (p.rows.at(-1) ? cursorOf(p.rows.at(-1)!) : null) }),
  }),
});

export const timelineEdge = builder.objectRef<TimelineRow>('TimelineEdge').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: cursorOf }),
    node: t.field({ type: timelineEventInterface, resolve: (row) => row }),
  }),
});

export interface TimelineArgs extends EventFilterArgs {
  first?: number | null;
  after?: string | null;
}

/** One page of the timeline, with the arguments checked: the timeline query and Memo.context. */
export async function timelinePage(store: Store, args: TimelineArgs, bounds: StatementBounds): Promise<Page> {
  const first = args.first ?? 100;
  if (first < 1 || first > maxPageSize) throw userError('BAD_USER_INPUT', `first must be 1–${maxPageSize}, got ${first}`);
  const filter = eventFilterOf(args);
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) throw userError('BAD_CURSOR', 'after is not a cursor this API returned');
  const rows = await queryTimeline(store, { ...filter, after, limit: first + 1 }, bounds);
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first, hasPreviousPage: after !== undefined };
}

export const timelineConnection = builder.objectRef<Page>('TimelineConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [timelineEdge], resolve: (p) => p.rows }),
    pageInfo: t.field({ type: pageInfo, resolve: (p) => p }),
  }),
});

builder.queryField('timeline', (t) =>
  t.field({
    type: timelineConnection,
    authScopes: { read: true },
    description: 'Events with from <= time < to, oldest first, across kinds and devices.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      kinds: t.arg({ type: [eventKindEnum], description: 'Only these kinds (default: all).' }),
      deviceIds: t.arg.idList({ description: 'Only these devices (default: all).' }),
      first: t.arg.int({ defaultValue: 100, description: `Page size, at most ${maxPageSize}.` }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
      text: t.arg.string({ description: "Only events whose text (transcripts, OCR text, titles, notes, ...: each kind's catalogue timeline.text fields) contains this, case-insensitive." }),
    },
    resolve: (_root, args, { store, deadline }) => timelinePage(store, args, deadline.statementBounds),
  }),
);

builder.queryField('event', (t) =>
  t.field({
    type: timelineEventInterface,
    nullable: true,
    authScopes: { read: true },
    description: 'The event with this id; ids are per device, so when two devices used it, say which with deviceId (else AMBIGUOUS_EVENT_ID).',
    args: { id: t.arg.id({ required: true }), deviceId: t.arg.id({ description: 'The device that sent it.' }) },
    resolve: (_root, { id, deviceId }, { eventById }) => eventById.load({ id: String(id), ...(deviceId == null ? {} : { deviceId: String(deviceId) }) }),
  }),
);
