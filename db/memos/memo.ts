// A UseMemos note as Lifestream sees it, and how each Memos schema version's row becomes one. Pure:
// the file reader (sqlite-memos.ts) and, in server mode, the federated reader share it.

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
  /** Newer versions: protobuf JSON with tags, property.title and location. */
  payload?: string | null;
  /** Versions before payload kept tags as a JSON array column. */
  tags?: string | null;
}

interface Payload {
  tags?: unknown;
  property?: { title?: unknown };
  location?: { placeholder?: unknown; latitude?: unknown; longitude?: unknown };
}

/** Tags written inline as #tag (letters, digits, _ - /), as Memos itself recognises them. */
export function tagsInContent(content: string): string[] {
  const tags = new Set<string>();
  for (const match of content.matchAll(/(?:^|\s)#([\p{L}\p{N}_\-/]+)/gu)) tags.add(match[1]!);
  return [...tags];
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

function locationOf(payload: Payload | undefined): MemoLocation | undefined {
  const location = payload?.location;
  if (typeof location?.latitude !== 'number' || typeof location.longitude !== 'number') return undefined;
  return {
    latitude: location.latitude,
    longitude: location.longitude,
    ...(typeof location.placeholder === 'string' ? { placeholder: location.placeholder } : {}),
  };
}

export function memoOfRow(row: MemoRow): Memo {
  const payload = parseJson(row.payload) as Payload | undefined;
  const title = payload?.property?.title;
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
    tags: strings(payload?.tags) ?? strings(parseJson(row.tags)) ?? tagsInContent(row.content),
    ...(typeof title === 'string' && title !== '' ? { title } : {}),
    ...(locationOf(payload) ? { location: locationOf(payload)! } : {}),
  };
}

export interface MemoFilter {
  from?: Date;
  to?: Date;
  /** Case-insensitive substring of the content. */
  search?: string;
  /** Memos carrying every one of these tags. */
  tags?: string[];
  includeArchived: boolean;
}

export function memoMatches(memo: Memo, filter: MemoFilter): boolean {
  return (
    (filter.includeArchived || !memo.archived) &&
    (!filter.from || memo.createdAt >= filter.from) &&
    (!filter.to || memo.createdAt < filter.to) &&
    (!filter.search || memo.content.toLowerCase().includes(filter.search.toLowerCase())) &&
    (filter.tags ?? []).every((tag) => memo.tags.includes(tag))
  );
}
