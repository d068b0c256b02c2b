// What an importer produces: catalogue events with ids derived from the source's own keys (a
// message's Message-ID, a calendar occurrence's UID and recurrence id), so a re-run or an import of
// the same item from another file gives the same id and the store keeps one row.
import { createHash } from 'node:crypto';
import type { KindName, PayloadOf } from '../../schema/catalogue.ts';

export interface ImportedEvent<Name extends KindName = KindName> {
  kind: Name;
  id: string;
  time: Date;
  payload: PayloadOf<Name>;
}

/** A UUID-shaped sha256 of the source and the item's key within it. */
export function importedEventId(source: string, ...key: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify([source, ...key])).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function importedEvent<Name extends KindName>(kind: Name, id: string, time: Date, payload: PayloadOf<Name>): ImportedEvent<Name> {
  return { kind, id, time, payload };
}
