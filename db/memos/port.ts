// The Federation port's memo side: where UseMemos notes come from. Two implementations: the
// embedded one reads the SQLite file itself (sqlite-memos.ts); server mode reads through Trino.
import type { Memo, MemoFilter } from './memo.ts';

/** Keyset position in newest-first order: after this memo come older ones. */
export interface MemoPosition {
  createdAt: Date;
  id: number;
}

export interface Memos {
  /** Memos matching the filter, newest first, after the position, at most `limit`. */
  page(filter: MemoFilter, after: MemoPosition | undefined, limit: number): Promise<Memo[]>;
  /** Unarchived memos created in [from, to), oldest first. */
  createdBetween(from: Date, to: Date): Promise<Memo[]>;
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
