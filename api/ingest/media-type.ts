// Whether blob bytes are what their declared mimeType says, judged by their leading bytes with
// file-type: a PNG sent as image/jpeg is refused at ingest instead of dead-lettered by a consumer.
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type';

/** How many leading bytes file-type needs to tell any type it knows. */
export const sniffedBytes = 4100;

// What file-type calls a type the catalogue declares under another name (an M4A is audio/mp4, a
// WebM with only audio is audio/webm).
const alsoNamed: Readonly<Record<string, readonly string[]>> = {
  'audio/mp4': ['audio/x-m4a', 'video/mp4'],
  'audio/webm': ['video/webm'],
  'audio/ogg': ['audio/opus'],
  'audio/wav': ['audio/vnd.wave', 'audio/x-wav'],
  'audio/flac': ['audio/x-flac'],
  'image/heic': ['image/heif'],
};

/**
 * Why bytes starting with `head` are not of the `declared` type, or undefined when they are. Types
 * without a signature (raw audio/pcm, application/octet-stream) are taken as declared.
 */
export async function mediaTypeMismatch(head: Uint8Array, declared: string): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(head);
  const names = [declared, ...(alsoNamed[declared] ?? [])];
  if (found && names.includes(found.mime)) return undefined;
  if (!names.some((name) => supportedMimeTypes.has(name))) return undefined;
  if (!found) return `declared ${declared} but the bytes are of no type recognised by their signature: send the file as it was saved, or its real mimeType`;
  return `declared ${declared} but the bytes are ${found.ext.toUpperCase()} (${found.mime}): send mimeType ${found.mime} if the field takes it, or convert the file`;
}
