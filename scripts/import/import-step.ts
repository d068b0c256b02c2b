// The steps an importer yields while it reads its source: events, items it could not turn into an
// event (with where and why), and checkpoints. A checkpoint's cursor is saved only once every event
// yielded before it is acknowledged by Lifestream, so a resumed import starts after the last
// acknowledged item: no gaps, and no duplicates beyond what ids already absorb.
import type { ImportedEvent } from './imported-event.ts';

export type Cursor = Readonly<Record<string, unknown>>;

export type ImportStep =
  | { type: 'event'; event: ImportedEvent }
  | { type: 'skip'; where: string; reason: string }
  | { type: 'checkpoint'; cursor: Cursor }
  /** How many items the source holds in all, when it can tell (for the progress bar's eta). */
  | { type: 'total'; items: number };

export interface Importer {
  /** The cursor file's name under the state folder: one per source and account or file. */
  readonly cursorKey: string;
  steps(cursor: Cursor | undefined): AsyncIterable<ImportStep>;
}
