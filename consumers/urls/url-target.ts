// What a URL task points at, as far as the URL alone tells (a tweet, content carried in a data: URL,
// or a page to fetch), and what fetched bytes are (a PDF by its type or its magic bytes, HTML).
import { UrlTaskRejected } from './url-task-rejected.ts';

export type UrlTarget = { type: 'tweet'; tweetId: string } | { type: 'data'; mediaType: string; bytes: Buffer } | { type: 'web'; url: string };

const tweetHosts = new Set(['twitter.com', 'www.twitter.com', 'mobile.twitter.com', 'x.com', 'www.x.com', 'mobile.x.com']);
const tweetPath = /^\/(?:[A-Za-z0-9_]{1,15}\/status(?:es)?|i\/web\/status|i\/status)\/(\d{1,25})(?:\/|$)/;

/** The id of the tweet a twitter.com or x.com status URL names; undefined for any other URL. */
export function tweetIdOf(url: URL): string | undefined {
  if (!tweetHosts.has(url.hostname.toLowerCase())) return undefined;
  return tweetPath.exec(url.pathname)?.[1];
}

/** RFC 2397 data: URL: the media type (text/plain when omitted) and the bytes, base64 or percent-encoded. */
export function parseDataUrl(url: string): { mediaType: string; bytes: Buffer } {
  const comma = url.indexOf(',');
  const header = url.slice('data:'.length, comma);
  if (!url.startsWith('data:') || comma < 0) throw new UrlTaskRejected('BAD_DATA_URL', 'a data: URL must read data:[<media type>][;base64],<data>');
  const parameters = header.split(';');
  const mediaType = (parameters[0] || 'text/plain').toLowerCase();
  const data = url.slice(comma + 1);
  if (!parameters.includes('base64')) return { mediaType, bytes: Buffer.from(decodeURIComponent(data), 'utf8') };
  const base64 = data.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) && !/^[A-Za-z0-9_-]*={0,2}$/.test(base64)) {
    throw new UrlTaskRejected('BAD_DATA_URL', `the data: URL (${mediaType}) says base64 but its data is not base64`);
  }
  return { mediaType, bytes: Buffer.from(base64, 'base64') };
}

export function targetOf(url: string): UrlTarget {
  if (url.startsWith('data:')) return { type: 'data', ...parseDataUrl(url) };
  const parsed = new URL(url);
  const tweetId = tweetIdOf(parsed);
  return tweetId ? { type: 'tweet', tweetId } : { type: 'web', url };
}

export const pdfTypes = ['application/pdf', 'application/x-pdf'];
export const htmlTypes = ['text/html', 'application/xhtml+xml'];

/** A PDF by its declared type, or by the `%PDF-` header readers look for in the first kilobyte. */
export const isPdf = (contentType: string, bytes: Buffer): boolean => pdfTypes.includes(contentType) || bytes.subarray(0, 1024).includes('%PDF-');

export const isHtml = (contentType: string): boolean => htmlTypes.includes(contentType);
