// UseMemos notes on the timeline: memos(...) to list and search them, Memo.context for what was
// happening around a note, TimelineEvent.memos for the notes written around an event.
import { memoRelationTypes, type Memo, type MemoAttachment, type MemoRelation } from '../../db/memos/memo.ts';
import { MemosUnavailable, type MemoPosition, type Memos } from '../../db/memos/port.ts';
import { builder } from './builder.ts';
import { connectionTypes, pageSize } from './connection.ts';
import type { Context } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { userError } from './errors.ts';
import { eventKindEnum, timelineEventInterface } from './event-types.ts';
import { checkRange } from './timeline-args.ts';
import { timelineConnection, timelinePage } from './timeline.ts';

const pageSizes = { defaultSize: 50, maxSize: 500 };
const defaultWindowS = 600;

const cursorOf = (memo: Memo) => encodeCursor({ timeUs: BigInt(memo.createdAt.getTime()) * 1000n, id: String(memo.id) });

function positionOf(cursor: string): MemoPosition {
  const position = decodeCursor(cursor);
  if (!position || !/^\d+$/.test(position.id)) throw userError('BAD_CURSOR', 'after is not a cursor this API returned');
  return { createdAt: new Date(Number(position.timeUs / 1000n)), id: Number(position.id) };
}

/** The memo source, or the reason there is none, as a GraphQL error. */
async function withMemos<T>({ memos }: Context, read: (memos: Memos) => Promise<T>): Promise<T> {
  if (!memos) throw userError('MEMOS_NOT_CONFIGURED', 'memos are not configured: set MEMOS_DB to the path of your memos_prod.db');
  try {
    return await read(memos);
  } catch (error) {
    if (error instanceof MemosUnavailable) throw userError(error.code, error.message);
    throw error;
  }
}

function windowSeconds(window: number | null | undefined): number {
  const seconds = window ?? defaultWindowS;
  if (seconds < 0 || seconds > 7 * 86_400) throw userError('BAD_USER_INPUT', `window must be 0–604800 seconds, got ${seconds}`);
  return seconds;
}

const memoLocation = builder.objectRef<NonNullable<Memo['location']>>('MemoLocation').implement({
  fields: (t) => ({
    latitude: t.exposeFloat('latitude'),
    longitude: t.exposeFloat('longitude'),
    placeholder: t.exposeString('placeholder', { nullable: true }),
  }),
});

const memoRelationType = builder.enumType('MemoRelationType', {
  description: 'REFERENCE: the note links to the other. COMMENT: the note is a comment on the other.',
  values: memoRelationTypes,
});

const memoRelation = builder.objectRef<MemoRelation>('MemoRelation').implement({
  description: 'Two notes related in Memos: memoId refers to, or comments on, relatedMemoId.',
  fields: (t) => ({
    type: t.field({ type: memoRelationType, resolve: (r) => r.type }),
    memoId: t.id({ description: 'The uid of the note that refers or comments.', resolve: (r) => r.memoUid }),
    relatedMemoId: t.id({ description: 'The uid of the note referred to or commented on.', resolve: (r) => r.relatedMemoUid }),
  }),
});

const memoAttachment = builder.objectRef<MemoAttachment>('MemoAttachment').implement({
  description: 'A file attached to a note: what Memos records of it. The bytes stay in Memos.',
  fields: (t) => ({
    id: t.id({ description: "Memos' uid: the file is attachments/<id> (resources/<id> before v0.26) in Memos.", resolve: (a) => a.uid }),
    filename: t.exposeString('filename'),
    type: t.exposeString('type', { description: 'MIME type.' }),
    sizeBytes: t.exposeFloat('sizeBytes', { description: 'Size in bytes: a whole number (Float, as a file may pass 2 GiB); 0 for a link to a file elsewhere.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
  }),
});

const sideReadNote = 'Null, with an error at this field only, when the memos cannot be read.';

const memoType = builder.objectRef<Memo>('Memo');
memoType.implement({
  description: 'A UseMemos note.',
  fields: (t) => ({
    id: t.id({ description: "Memos' uid: the note is memos/<id> in Memos.", resolve: (m) => m.uid }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (m) => m.updatedAt }),
    content: t.exposeString('content', { description: 'Markdown, tags inline as #tag.' }),
    title: t.exposeString('title', { nullable: true }),
    tags: t.exposeStringList('tags'),
    visibility: t.exposeString('visibility'),
    pinned: t.exposeBoolean('pinned'),
    archived: t.exposeBoolean('archived'),
    creator: t.exposeString('creator', { nullable: true }),
    location: t.field({ type: memoLocation, nullable: true, resolve: (m) => m.location }),
    comments: t.field({
      type: [memoType],
      nullable: true,
      description: `Comments on the note, oldest first: Memos shows them under the note, never among the notes. ${sideReadNote}`,
      resolve: (memo, _args, context) => withMemos(context, () => context.memoComments.load(memo.id)),
    }),
    relations: t.field({
      type: [memoRelation],
      nullable: true,
      description: `References and comments from and to the note. ${sideReadNote}`,
      resolve: (memo, _args, context) => withMemos(context, () => context.memoRelations.load(memo.id)),
    }),
    attachments: t.field({
      type: [memoAttachment],
      nullable: true,
      description: `Files attached to the note, oldest first. ${sideReadNote}`,
      resolve: (memo, _args, context) => withMemos(context, () => context.memoAttachments.load(memo.id)),
    }),
    context: t.field({
      type: timelineConnection,
      description: 'The timeline around the note: events within `window` seconds before and after it was written.',
      args: {
        window: t.arg.int({ defaultValue: defaultWindowS }),
        kinds: t.arg({ type: [eventKindEnum], description: 'Only these kinds (default: all; an empty list is refused, BAD_USER_INPUT).' }),
        deviceIds: t.arg.idList(),
        first: t.arg.int({ defaultValue: 100 }),
        after: t.arg.string(),
      },
      resolve: (memo, args, { store, deadline }) => {
        const windowMs = windowSeconds(args.window) * 1000;
        return timelinePage(store, {
          ...args,
          from: new Date(memo.createdAt.getTime() - windowMs),
          to: new Date(memo.createdAt.getTime() + windowMs + 1),
        }, deadline.statementBounds);
      },
    }),
  }),
});

const { connection: memoConnection, pageInfoOf } = connectionTypes('Memo', memoType, cursorOf);

// Before every connection had pageInfo, MemoConnection carried these two itself; kept for the clients written then.
builder.objectFields(memoConnection, (t) => ({
  hasNextPage: t.boolean({ deprecationReason: 'Use pageInfo.hasNextPage.', resolve: (page) => page.hasNextPage }),
  endCursor: t.string({ nullable: true, deprecationReason: 'Use pageInfo.endCursor.', resolve: (page) => pageInfoOf(page).endCursor }),
}));

builder.queryField('memos', (t) =>
  t.field({
    type: memoConnection,
    authScopes: { read: true },
    description:
      'UseMemos notes, newest first: written in [from, to), containing `search` (case-insensitive), carrying every tag in `tags` (or a tag nested under it: `work` finds #work/meeting). Comments are not listed: they are under their note, in Memo.comments.',
    args: {
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
      search: t.arg.string(),
      tags: t.arg.stringList(),
      includeArchived: t.arg.boolean({ defaultValue: false }),
      first: t.arg.int({ defaultValue: pageSizes.defaultSize, description: `Page size, at most ${pageSizes.maxSize}.` }),
      after: t.arg.string({ description: 'endCursor of the previous page.' }),
    },
    resolve: (_root, args, context) => {
      const first = pageSize(args.first, pageSizes);
      if (args.from && args.to) checkRange(args.from, args.to);
      const after = args.after == null ? undefined : positionOf(args.after);
      const filter = {
        ...(args.from ? { from: args.from } : {}),
        ...(args.to ? { to: args.to } : {}),
        ...(args.search ? { search: args.search } : {}),
        ...(args.tags ? { tags: args.tags } : {}),
        includeArchived: args.includeArchived ?? false,
      };
      return withMemos(context, async (memos) => {
        const found = await memos.page(filter, after, first + 1);
        return { nodes: found.slice(0, first), hasNextPage: found.length > first, hasPreviousPage: after !== undefined };
      });
    },
  }),
);

builder.interfaceField(timelineEventInterface, 'memos', (t) =>
  t.field({
    type: [memoType],
    nullable: true,
    description: `Notes written within \`window\` seconds before or after the event, oldest first, comments aside. Null, with an error at this field only (MEMOS_*), when the memos cannot be read: the rest of the answer stands.`,
    args: { window: t.arg.int({ defaultValue: defaultWindowS }) },
    resolve: (event, args, context) => {
      const windowMs = windowSeconds(args.window) * 1000;
      return withMemos(context, (memos) => context.memosAround.load({ memos, time: event.time.getTime(), windowMs }));
    },
  }),
);
