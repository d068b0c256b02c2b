// Per-request batching of what hangs off a memo (comments, relations, attachments): a page of
// memos asking for them costs one read of the memos each, not one per memo.
import DataLoader from 'dataloader';
import type { Memo, MemoAttachment, MemoRelation } from '../../db/memos/memo.ts';
import { MemosUnavailable, type Memos } from '../../db/memos/port.ts';

export interface MemoLoaders {
  /** Comments on a memo, by Memos' integer key. */
  memoComments: DataLoader<number, Memo[]>;
  /** References and comments from or to a memo. */
  memoRelations: DataLoader<number, MemoRelation[]>;
  memoAttachments: DataLoader<number, MemoAttachment[]>;
}

const groupedBy = <T>(items: T[], ids: readonly number[], idsOf: (item: T) => (number | undefined)[]) =>
  ids.map((id) => items.filter((item) => idsOf(item).includes(id)));

export function createMemoLoaders(memos: Memos | undefined): MemoLoaders {
  const source = () => {
    if (!memos) throw new MemosUnavailable('MEMOS_NOT_CONFIGURED', 'memos are not configured: set MEMOS_DB to the path of your memos_prod.db');
    return memos;
  };
  return {
    memoComments: new DataLoader(async (ids) => groupedBy(await source().commentsOn(ids), ids, (comment) => [comment.parentId])),
    memoRelations: new DataLoader(async (ids) => groupedBy(await source().relationsOf(ids), ids, (relation) => [relation.memoId, relation.relatedMemoId])),
    memoAttachments: new DataLoader(async (ids) => groupedBy(await source().attachmentsOf(ids), ids, (attachment) => [attachment.memoId])),
  };
}
