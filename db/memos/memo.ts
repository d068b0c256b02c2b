// A UseMemos note as Lifestream sees it, and how each Memos schema version's row becomes one. Pure:
// the file reader (sqlite-memos.ts) and, in server mode, the federated reader share it.
import { z } from 'zod';
import { tagsInMarkdown } from './memo-tags.ts';

export interface MemoLocation {
  placeholder?: string;
  latitude: number;
  longitude: number;
}

export interface Memo {
  /** Memos' integer key: orders memos created in the same second. */
  id: number;
  /** Memos' stable public id (memos/<uid>). */
  uid: string;
  creator?: string;
  createdAt: Date;
  updatedAt: Date;
  content: string;
  visibility: string;
  pinned: boolean;
  archived: boolean;
  tags: string[];
  title?: string;
  location?: MemoLocation;
  /** For a comment: the integer key of the memo it comments on (a COMMENT row in memo_relation). */
  parentId?: number;
}

/** How two memos are related in Memos: one refers to the other, or comments on it. */
export const memoRelationTypes = ['REFERENCE', 'COMMENT'] as const;
export type MemoRelationType = (typeof memoRelationTypes)[number];

export interface MemoRelation {
  type: MemoRelationType;
  /** The memo that refers or comments. */
  memoId: number;
  memoUid: string;
  /** The memo it refers to or comments on. */
  relatedMemoId: number;
  relatedMemoUid: string;
}

/** A file attached to a memo: what Memos knows of it, never its bytes. */
export interface MemoAttachment {
  memoId: number;
  uid: string;
  filename: string;
  /** MIME type, as the uploader gave it. */
  type: string;
  sizeBytes: number;
  createdAt: Date;
}

/** A memo row as read, whichever schema version wrote it; absent columns are undefined. */
export interface MemoRow {
  id: number;
  uid?: string | null;
  creator?: string | null;
  created_ts: number;
  updated_ts?: number | null;
  content: string;
  visibility?: string | null;
  pinned?: number | null;
  row_status?: string | null;
  /** v0.22 and later: protobuf JSON with tags, property.title and location. */
  payload?: string | null;
  /** The memo this one comments on, when it is a comment. */
  parent_id?: number | null;
}

export interface MemoRelationRow {
  memo_id: number;
  memo_uid?: string | null;
  related_memo_id: number;
  related_memo_uid?: string | null;
  type: string;
}

export interface MemoAttachmentRow {
  memo_id: number;
  id: number;
  uid?: string | null;
  filename: string;
  type: string;
  size: number;
  created_ts: number;
}

// A field of an unexpected shape reads as absent, the rest of the payload still counts.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const tagList = optional(z.array(z.string()));
/**
 * MemoPayload as protojson writes it: camelCase, fields at their zero value omitted. Tags sit in
 * property.tags from v0.22 to v0.23.0 and in tags from v0.23.1 on (proto/store/memo.proto).
 */
const payloadSchema = z.object({
  tags: tagList,
  property: optional(z.object({ tags: tagList, title: optional(z.string()) })),
  location: optional(z.object({ placeholder: optional(z.string()), latitude: optional(z.number()), longitude: optional(z.number()) })),
});
type Payload = z.infer<typeof payloadSchema>;

function payloadOf(text: string | null | undefined): Payload {
  if (!text) return {};
  try {
    return payloadSchema.safeParse(JSON.parse(text)).data ?? {};
  } catch {
    return {};
  }
}

/**
 * Memos computes the payload from the text when a memo is saved (and, from v0.23.1, for every
 * memo at each start); once computed it always has `property`, so a payload without tags then
 * means a memo without tags. Memos from before v0.22 that were never saved again keep '{}' or
 * no payload at all: their tags are the ones in the text.
 */
function tagsOf(payload: Payload, content: string): string[] {
  return payload.tags ?? payload.property?.tags ?? (payload.property ? [] : tagsInMarkdown(content));
}

/** protojson leaves out a coordinate of exactly 0: a location present without one lies on that axis. */
function locationOf(payload: Payload): MemoLocation | undefined {
  const location = payload.location;
  if (!location) return undefined;
  return {
    latitude: location.latitude ?? 0,
    longitude: location.longitude ?? 0,
    ...(location.placeholder ? { placeholder: location.placeholder } : {}),
  };
}

export function memoOfRow(row: MemoRow): Memo {
  const payload = payloadOf(row.payload);
  const title = payload.property?.title;
  const location = locationOf(payload);
  return {
    id: row.id,
    uid: row.uid ?? String(row.id),
    ...(row.creator ? { creator: row.creator } : {}),
    createdAt: new Date(row.created_ts * 1000),
    updatedAt: new Date((row.updated_ts ?? row.created_ts) * 1000),
    content: row.content,
    visibility: row.visibility ?? 'PRIVATE',
    pinned: row.pinned === 1,
    archived: row.row_status === 'ARCHIVED',
    tags: tagsOf(payload, row.content),
    ...(title ? { title } : {}),
    ...(location ? { location } : {}),
    ...(row.parent_id != null ? { parentId: row.parent_id } : {}),
  };
}

const isRelationType = (type: string): type is MemoRelationType => (memoRelationTypes as readonly string[]).includes(type);

/** Relations of the types Memos still shows (v0.13–v0.15's ADDITIONAL is left out). */
export function memoRelationsOfRows(rows: MemoRelationRow[]): MemoRelation[] {
  return rows.flatMap(({ type, memo_id, memo_uid, related_memo_id, related_memo_uid }) =>
    isRelationType(type)
      ? [{ type, memoId: memo_id, memoUid: memo_uid ?? String(memo_id), relatedMemoId: related_memo_id, relatedMemoUid: related_memo_uid ?? String(related_memo_id) }]
      : [],
  );
}

export const memoAttachmentOfRow = (row: MemoAttachmentRow): MemoAttachment => ({
  memoId: row.memo_id,
  uid: row.uid ?? String(row.id),
  filename: row.filename,
  type: row.type,
  sizeBytes: row.size,
  createdAt: new Date(row.created_ts * 1000),
});

export interface MemoFilter {
  from?: Date;
  to?: Date;
  /** Case-insensitive substring of the content. */
  search?: string;
  /** Memos carrying every one of these tags, or a tag below it (`work` finds `#work/meeting`). */
  tags?: string[];
  includeArchived: boolean;
}

/** As Memos' own tag filter: the tag itself or any tag nested under it. */
const carries = (memo: Memo, tag: string) => memo.tags.some((own) => own === tag || own.startsWith(`${tag}/`));

export function memoMatches(memo: Memo, filter: MemoFilter): boolean {
  return (
    (filter.includeArchived || !memo.archived) &&
    (!filter.from || memo.createdAt >= filter.from) &&
    (!filter.to || memo.createdAt < filter.to) &&
    (!filter.search || memo.content.toLowerCase().includes(filter.search.toLowerCase())) &&
    (filter.tags ?? []).every((tag) => carries(memo, tag))
  );
}
