// The person's digital footprint: clipboard, browsing, outside accounts and links to process.
import { defineKind } from '../event-kind.ts';
import { field, optional } from '../fields.ts';

const KiB = 1024;

export const clipboard = defineKind({
  name: 'clipboard',
  description: 'Text copied to the clipboard.',
  topic: 'digital.clipboard.raw',
  stage: 'raw',
  fields: {
    text: field.string(64 * KiB),
    sourceApp: optional(field.string(256)),
  },
  timeline: { lane: 'Clipboard', headline: (p) => p.text.slice(0, 80), text: ['text', 'sourceApp'] },
});

export const webVisit = defineKind({
  name: 'webVisit',
  description: 'A page visit reported by the browser extension.',
  topic: 'digital.web_analytics.raw',
  stage: 'raw',
  fields: {
    url: field.url(),
    title: optional(field.string(1_024)),
    durationMs: optional(field.int({ min: 0, max: 86_400_000 })),
    referrer: optional(field.url()),
    browser: optional(field.string(64)),
  },
  timeline: { lane: 'Web', headline: (p) => p.title ?? p.url, text: ['title', 'url'] },
});

export const likedTweet = defineKind({
  name: 'likedTweet',
  description: 'A post the person liked on Twitter/X; event time is when it was liked (or scraped).',
  topic: 'external.twitter.liked.raw',
  stage: 'raw',
  fields: {
    tweetId: field.string(32),
    authorHandle: field.string(64),
    authorName: optional(field.string(256)),
    text: field.string(25 * KiB),
    url: field.url(),
    postedAt: optional(field.timestamp()),
  },
  timeline: { lane: 'Social', headline: (p) => `@${p.authorHandle}: ${p.text.slice(0, 80)}`, text: ['text', 'authorHandle', 'authorName'] },
});

export const calendarEvent = defineKind({
  name: 'calendarEvent',
  description: 'A calendar entry; event time is its start, which may lie in the future.',
  topic: 'external.calendar.events.raw',
  stage: 'raw',
  timeMayBeFuture: true,
  updatable: true,
  fields: {
    calendarEventId: field.string(1_024),
    title: field.string(1_024),
    endTime: field.timestamp(),
    allDay: optional(field.boolean()),
    location: optional(field.string(1_024)),
    attendees: optional(field.stringList(500, 320)),
    status: optional(field.enum(['CONFIRMED', 'TENTATIVE', 'CANCELLED'])),
    calendarName: optional(field.string(256)),
  },
  timeline: { lane: 'Calendar', headline: (p) => p.title, text: ['title', 'location', 'calendarName'] },
});

export const emailEvent = defineKind({
  name: 'emailEvent',
  description: 'An email sent or received.',
  topic: 'external.email.events.raw',
  stage: 'raw',
  fields: {
    messageId: field.string(1_024),
    direction: field.enum(['RECEIVED', 'SENT']),
    from: field.string(1_024),
    to: field.stringList(500, 1_024),
    subject: optional(field.string(2_048)),
    snippet: optional(field.string(4 * KiB)),
    threadId: optional(field.string(1_024)),
  },
  timeline: { lane: 'Email', headline: (p) => `${p.direction === 'SENT' ? 'to' : 'from'} ${p.direction === 'SENT' ? p.to.join(', ') : p.from}: ${p.subject ?? ''}`, text: ['subject', 'snippet', 'from'] },
});

export const emailAttachment = defineKind({
  name: 'emailAttachment',
  description: "A file attached to an email, at the email's time; its content in the blob store unless it was over the importer's size limit.",
  // On its message's topic: keyed by device like it, it is stored in order with the message it belongs to.
  topic: 'external.email.events.raw',
  stage: 'raw',
  fields: {
    messageId: field.string(1_024, { description: "The Message-ID of the email it is attached to (the emailEvent's messageId)." }),
    filename: optional(field.string(1_024)),
    contentType: field.string(256, { description: 'The media type the message declares for it (the content\'s own mimeType is what its bytes are).' }),
    byteSize: field.int({ min: 0, description: 'Its size once decoded, whether or not its content was kept.' }),
    inline: optional(field.boolean({ description: "Shown within the message's HTML (a logo, a pasted image) rather than attached to it." })),
    content: optional(field.blob('any', { maxBytes: 25 * 1024 * KiB, description: "The bytes; absent when the attachment was larger than the importer's limit." })),
  },
  timeline: { lane: 'Email', headline: (p) => `attachment ${p.filename ?? p.contentType} (${Math.ceil(p.byteSize / KiB)} KiB)${p.content ? '' : ', content not kept'}`, text: ['filename', 'contentType'] },
});

export const urlTask = defineKind({
  name: 'urlTask',
  description: 'A URL to fetch and process (tweet, PDF, page), from the clipboard, the browser or by hand.',
  topic: 'task.url.ingest',
  stage: 'raw',
  fields: {
    url: field.url({ format: 'urlOrData', maxLength: 24 * 1024 * KiB, description: 'an http(s) URL, or a data: URL carrying the content itself (data:application/pdf;base64,...)' }),
    source: optional(field.enum(['CLIPBOARD', 'BROWSER', 'SHARE', 'MANUAL'])),
    note: optional(field.string(4 * KiB)),
    refetch: optional(field.boolean({ description: 'fetch it again although it was archived before (by default a URL is archived once)' })),
  },
  timeline: { lane: 'Links', headline: (p) => (p.url.startsWith('data:') ? `${p.url.slice(0, p.url.search(/[;,]/))} (${Math.round(p.url.length / 1024)} KiB)` : p.url), text: ['url', 'note'] },
});
