// The messages of an mbox file, read as a stream (mailboxes run to gigabytes), each with the byte
// offset where it starts and where the next begins, so an import resumes at a message boundary.
// mboxrd: a message starts at a "From " line; ">From " lines inside are unquoted by one ">".
import { createReadStream } from 'node:fs';

export interface MboxMessage {
  /** Byte offset of its "From " line. */
  start: number;
  /** Byte offset of the next message (or the end of the file). */
  end: number;
  raw: Buffer;
}

const separator = Buffer.from('\nFrom ');

function unquoted(message: Buffer): Buffer {
  const firstLineEnd = message.indexOf(0x0a);
  const body = firstLineEnd === -1 ? Buffer.alloc(0) : message.subarray(firstLineEnd + 1);
  // latin1 maps bytes one to one, so the message's own encoding is kept.
  return Buffer.from(body.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1');
}

export async function* mboxMessages(path: string, startOffset = 0): AsyncGenerator<MboxMessage> {
  let buffered: Buffer = Buffer.alloc(0);
  let bufferedAt = startOffset;
  for await (const chunk of createReadStream(path, { start: startOffset })) {
    if (!Buffer.isBuffer(chunk)) throw new Error(`reading ${path}: expected bytes`);
    // Search only what is new (and the few bytes before it a separator may straddle): a message
    // with large attachments spans many chunks.
    let searchFrom = Math.max(1, buffered.length - separator.length);
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    if (bufferedAt === startOffset && buffered.length >= 5 && !buffered.subarray(0, 5).equals(Buffer.from('From '))) {
      throw new Error(`${path} is not an mbox file: byte ${startOffset} should start a "From " line; pass .eml files with the eml source`);
    }
    let boundary: number;
    while ((boundary = buffered.indexOf(separator, searchFrom)) !== -1) {
      const message = buffered.subarray(0, boundary + 1);
      yield { start: bufferedAt, end: bufferedAt + message.length, raw: unquoted(message) };
      bufferedAt += message.length;
      buffered = buffered.subarray(boundary + 1);
      searchFrom = 1;
    }
  }
  if (buffered.length > 0) yield { start: bufferedAt, end: bufferedAt + buffered.length, raw: unquoted(buffered) };
}
