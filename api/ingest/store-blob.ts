// One blob field of an accepted event into the blob store, sent inline (base64) or uploaded (a
// multipart `File`): an upload is counted while it is read and refused once past the field's
// maxBytes, and either form is refused when its bytes are not the declared mimeType.
import type { BlobStore } from '../../db/blob-store.ts';
import type { BlobInput } from '../../schema/event-codec.ts';
import type { BlobRef } from '../../schema/envelope.ts';
import type { BlobField } from '../../schema/fields.ts';
import type { Upload } from '../../schema/upload.ts';
import { mediaTypeMismatch, sniffedBytes } from './media-type.ts';

/** Why a blob field was not stored: its event is refused, the rest of the batch goes on. */
export class BlobRefused extends Error {
  constructor(
    readonly field: string,
    readonly why: string,
  ) {
    super(`${field} ${why}`);
  }
}

async function checkType(field: string, head: Uint8Array, mimeType: string): Promise<void> {
  const why = await mediaTypeMismatch(head, mimeType);
  if (why) throw new BlobRefused(field, why);
}

/** The upload's chunks, refused past maxBytes (nothing more is read) and checked by their leading bytes. */
async function* checkedChunks(field: string, file: Upload, f: BlobField, mimeType: string): AsyncGenerator<Uint8Array> {
  let byteSize = 0;
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of file.stream()) {
    byteSize += chunk.byteLength;
    if (byteSize > f.maxBytes) throw new BlobRefused(field, `must be at most ${f.maxBytes} bytes (${f.maxBytes / 2 ** 20} MiB), the upload is larger: send a smaller file`);
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.byteLength >= sniffedBytes) {
        await checkType(field, head, mimeType);
        head = undefined;
      }
    }
    yield chunk;
  }
  if (head) await checkType(field, head, mimeType);
}

export async function storeBlob(value: BlobInput, f: BlobField, field: string, blobs: BlobStore): Promise<BlobRef> {
  const { mimeType } = value;
  if (value.file) return { ...(await blobs.putStream(checkedChunks(field, value.file, f, mimeType))), mimeType };
  const bytes = Buffer.from(value.base64 ?? '', 'base64');
  await checkType(field, bytes.subarray(0, sniffedBytes), mimeType);
  return { sha256: await blobs.put(bytes), byteSize: bytes.byteLength, mimeType };
}
