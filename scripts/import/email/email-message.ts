// One RFC 5322 message as an emailEvent (headers, a snippet of its text, its thread: the root of
// its References, as mail clients thread) and an emailAttachment per attached file, their bytes up
// to a size limit; ids from its Message-ID, so the same message from IMAP, an mbox or an .eml file
// is one event and its attachments one each.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { mediaTypeMismatch, sniffedBytes } from '../../../api/ingest/media-type.ts';
import { mediaTypeName } from '../../../schema/validation.ts';
import type { ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId, type ImportedEvent } from '../imported-event.ts';

const snippetLength = 280;

export interface MessageContext {
  /** Addresses of the person importing: mail from one of them is SENT. */
  ownAddresses: ReadonlySet<string>;
  /** A folder the server marks as sent mail (\Sent). */
  inSentFolder?: boolean;
  /** Attachments up to this size are sent with their bytes; larger ones without, and reported. */
  maxAttachmentBytes: number;
}

export type MessageOutcome =
  | { event: ImportedEvent<'emailEvent'>; attachments: ImportedEvent<'emailAttachment'>[]; oversized: string[] }
  | { skipReason: string };

const mib = (bytes: number) => `${Number((bytes / 2 ** 20).toFixed(2))} MiB`;
const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.flatMap((a) => (a.address ? [a.address.toLowerCase()] : a.group?.flatMap((m) => (m.address ? [m.address.toLowerCase()] : [])) ?? [])));

export async function emailEventOf(raw: Buffer, context: MessageContext): Promise<MessageOutcome> {
  const message = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  // mailparser puts the parse time in place of a Date header it cannot read: read the header itself.
  const dateLine = message.headerLines.find((line) => line.key === 'date')?.line;
  if (dateLine === undefined) return { skipReason: 'it has no Date header' };
  const dateText = dateLine.slice(dateLine.indexOf(':') + 1).replace(/\s+/g, ' ').trim();
  const date = new Date(dateText);
  if (Number.isNaN(date.getTime())) return { skipReason: `its Date header "${dateText}" is not a date` };
  const from = addressesOf(message.from)[0];
  if (!from) return { skipReason: 'it has no From address' };
  const messageId = message.messageId ?? `<sha256:${createHash('sha256').update(raw).digest('hex')}>`;
  const references = typeof message.references === 'string' ? [message.references] : (message.references ?? []);
  const threadId = references[0] ?? message.inReplyTo ?? messageId;
  const snippet = (message.text ?? '').replace(/\s+/g, ' ').trim();
  const sent = context.inSentFolder === true || context.ownAddresses.has(from);
  const attachments = await Promise.all(message.attachments.map((attachment, index) => attachmentEvent(attachment, index, messageId, date, context.maxAttachmentBytes)));
  return {
    attachments,
    oversized: message.attachments.flatMap((attachment, index) =>
      attachment.size > context.maxAttachmentBytes
        ? [`attachment ${index + 1} "${attachment.filename ?? '(no name)'}" (${attachment.contentType}, ${mib(attachment.size)}) is over the ${mib(context.maxAttachmentBytes)} limit (--max-attachment-mib): recorded without its content`]
        : [],
    ),
    event: importedEvent('emailEvent', importedEventId('email', messageId), date, {
      messageId: clip(messageId, 1_024),
      direction: sent ? 'SENT' : 'RECEIVED',
      from: clip(message.from?.text ?? from, 1_024),
      to: [...addressesOf(message.to), ...addressesOf(message.cc)].slice(0, 500).map((a) => clip(a, 1_024)),
      ...(message.subject ? { subject: clip(message.subject, 2_048) } : {}),
      ...(snippet ? { snippet: clip(snippet, snippetLength) } : {}),
      threadId: clip(threadId, 1_024),
    }),
  };
}

/**
 * The type the attachment's bytes are stored as: the declared one where the bytes bear it out, else
 * what their signature shows, else application/octet-stream. Mail clients declare what the file's
 * name suggests; the API refuses bytes that are not what their type says.
 */
async function contentMimeType(bytes: Buffer, declared: string): Promise<string> {
  const head = bytes.subarray(0, sniffedBytes);
  if (mediaTypeName.test(declared) && (await mediaTypeMismatch(head, declared)) === undefined) return declared;
  return (await fileTypeFromBuffer(head))?.mime ?? 'application/octet-stream';
}

async function attachmentEvent(attachment: Attachment, index: number, messageId: string, date: Date, maxBytes: number): Promise<ImportedEvent<'emailAttachment'>> {
  const payload = {
    messageId: clip(messageId, 1_024),
    ...(attachment.filename ? { filename: clip(attachment.filename, 1_024) } : {}),
    contentType: clip(attachment.contentType, 256),
    byteSize: attachment.size,
    ...(attachment.related ? { inline: true } : {}),
  };
  const id = importedEventId('email-attachment', messageId, String(index));
  if (attachment.size > maxBytes) return importedEvent('emailAttachment', id, date, payload);
  const file = { bytes: attachment.content, mimeType: await contentMimeType(attachment.content, attachment.contentType), ...(attachment.filename ? { name: attachment.filename } : {}) };
  return importedEvent('emailAttachment', id, date, payload, { content: file });
}

/** The steps for one message read from `where`: its events, or why it was skipped, and attachments kept without content. */
export async function* messageSteps(raw: Buffer, context: MessageContext, where: string): AsyncGenerator<ImportStep> {
  const outcome = await emailEventOf(raw, context);
  if ('skipReason' in outcome) {
    yield { type: 'skip', where, reason: outcome.skipReason };
    return;
  }
  yield { type: 'event', event: outcome.event };
  for (const event of outcome.attachments) yield { type: 'event', event };
  for (const reason of outcome.oversized) yield { type: 'skip', where, reason };
}
