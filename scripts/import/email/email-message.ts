// One RFC 5322 message as an emailEvent: headers, a snippet of its text and its thread (the root
// of its References, as mail clients thread), its id from its Message-ID so that the same message
// from IMAP, an mbox or an .eml file is one event.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { importedEvent, importedEventId, type ImportedEvent } from '../imported-event.ts';

const snippetLength = 280;

export interface MessageContext {
  /** Addresses of the person importing: mail from one of them is SENT. */
  ownAddresses: ReadonlySet<string>;
  /** A folder the server marks as sent mail (\Sent). */
  inSentFolder?: boolean;
}

export type MessageOutcome = { event: ImportedEvent<'emailEvent'> } | { skipReason: string };

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
  return {
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
