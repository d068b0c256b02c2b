// The Federation port's memo side: where UseMemos notes come from. Two implementations: the
// embedded one reads the SQLite file itself (sqlite-memos.ts); server mode reads through Trino.
import type { Memo, MemoAttachment, MemoFilter, MemoRelation } from './memo.ts';

/** Keyset position in newest-first order: after this memo come older ones. */
export interface MemoPosition {
  createdAt: Date;
  id: number;
}

export interface Memos {
  /** Memos matching the filter, newest first, after the position, at most `limit`; comments are not among them. */
  page(filter: MemoFilter, after: MemoPosition | undefined, limit: number): Promise<Memo[]>;
  /** Unarchived memos created in [from, to), oldest first; comments are not among them. */
  createdBetween(from: Date, to: Date): Promise<Memo[]>;
  /** Unarchived comments on these memos (by integer key), oldest first, each with its parentId. */
  commentsOn(memoIds: readonly number[]): Promise<Memo[]>;
  /** References and comments from or to these memos. */
  relationsOf(memoIds: readonly number[]): Promise<MemoRelation[]>;
  /** Files attached to these memos, oldest first. */
  attachmentsOf(memoIds: readonly number[]): Promise<MemoAttachment[]>;
}

/** Why memos cannot be read, in words a user can act on. */
export class MemosUnavailable extends Error {
  constructor(
    readonly code: 'MEMOS_NOT_CONFIGURED' | 'MEMOS_MISSING' | 'MEMOS_UNSUPPORTED' | 'MEMOS_BUSY' | 'MEMOS_UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}
