// What an importer produces: catalogue events with ids derived from the source's own keys (a
// message's Message-ID, a calendar occurrence's UID and recurrence id), so a re-run or an import of
// the same item from another file gives the same id and the store keeps one row.
import { createHash } from 'node:crypto';
import type { KindName, PayloadOf } from '../../schema/catalogue.ts';

/** The bytes of one blob field (a mail attachment), sent as a part of a multipart request. */
export interface ImportedFile {
  bytes: Uint8Array;
  /** What the bytes are: the API refuses bytes whose signature says another type. */
  mimeType: string;
  /** The file's name as the source gives it, for the upload part. */
  name?: string;
}

export interface ImportedEvent<Name extends KindName = KindName> {
  kind: Name;
  id: string;
  time: Date;
  /** The kind's fields but its blob fields, which come from `files`. */
  payload: PayloadOf<Name>;
  /** Per blob field, the bytes to store for it. */
  files?: Readonly<Record<string, ImportedFile>>;
}

/** The bytes an event carries in its files: what a request's size is mostly made of. */
export const fileBytesOf = (event: ImportedEvent): number => Object.values(event.files ?? {}).reduce((sum, file) => sum + file.bytes.byteLength, 0);

/** A UUID-shaped sha256 of the source and the item's key within it. */
export function importedEventId(source: string, ...key: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify([source, ...key])).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function importedEvent<Name extends KindName>(kind: Name, id: string, time: Date, payload: PayloadOf<Name>, files?: Readonly<Record<string, ImportedFile>>): ImportedEvent<Name> {
  return files ? { kind, id, time, payload, files } : { kind, id, time, payload };
}
