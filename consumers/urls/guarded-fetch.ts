// Fetches a URL for the URL consumer within limits: one deadline for the whole fetch (redirects and
// body included), a number of redirects, a body size and the content types the caller accepts.
// Every request, the first and each redirect, connects only to addresses the address guard allows.
// Permanent failures throw UrlTaskRejected; what may pass later (a server down, a 5xx) throws Error.
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkLiteralHost, type AllowList } from './address-guard.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

export interface FetchLimits {
  timeoutMs: number;
  maxRedirects: number;
  maxBytes: number;
}

export interface FetchGuard {
  allow: AllowList;
  lookup: LookupFunction;
}

export interface Fetched {
  /** Status of the final response (after redirects). */
  httpStatus: number;
  finalUrl: string;
  /** The media type without parameters, lower-case ('' when the server sent none). */
  contentType: string;
  /** The charset parameter of Content-Type, when given. */
  charset?: string;
  bytes: Buffer;
  sha256: string;
}

/** Media types the caller takes; `*` after a slash matches any subtype (image/*). */
export type AcceptedTypes = readonly string[];

const userAgent = 'Lifestream URL archiver (+https://github.com/lifestream)';
const retryableStatuses = new Set([408, 425, 429]);

const mediaTypeOf = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();
const accepts = (accepted: AcceptedTypes, type: string) => accepted.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));

function get(url: URL, guard: FetchGuard, signal: AbortSignal, accept: string): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // A connection of its own (agent: false): no kept-alive socket is reused, so each request is
    // resolved and judged anew, and none is found closed by the server's keep-alive timeout.
    const outgoing = request(url, { method: 'GET', agent: false, lookup: guard.lookup, signal, headers: { 'user-agent': userAgent, accept, 'accept-encoding': 'identity' } }, resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.byteLength;
    if (size > maxBytes) {
      response.destroy();
      throw new UrlTaskRejected('TOO_LARGE', `${url}: the body is larger than ${maxBytes} bytes (LIFESTREAM_URL_MAX_BYTES)`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function checkScheme(url: URL, original: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlTaskRejected('UNSUPPORTED_SCHEME', `${original}: ${url.protocol} URLs are not fetched, only http and https${url.href === original ? '' : ` (a redirect led to ${url.href})`}`);
  }
}

/** Fetches url, following redirects, within the limits and the guard; the body's content type must be accepted. */
export async function guardedFetch(url: string, accepted: AcceptedTypes, limits: FetchLimits, guard: FetchGuard): Promise<Fetched> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let current = new URL(url);
  try {
    for (let redirects = 0; ; redirects += 1) {
      checkScheme(current, url);
      checkLiteralHost(current.hostname, guard.allow);
      const response = await get(current, guard, deadline, accepted.join(', '));
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= limits.maxRedirects) {
          throw new UrlTaskRejected('TOO_MANY_REDIRECTS', `${url}: more than ${limits.maxRedirects} redirects (LIFESTREAM_URL_MAX_REDIRECTS), the last to ${new URL(location, current).href}`);
        }
        current = new URL(location, current);
        continue;
      }
      if (status >= 400) {
        response.resume();
        const message = `${url}: the server answered ${status}${current.href === url ? '' : ` at ${current.href}`}`;
        if (status >= 500 || retryableStatuses.has(status)) throw new Error(message);
        throw new UrlTaskRejected('HTTP_STATUS', message);
      }
      const contentType = mediaTypeOf(response.headers['content-type']);
      if (!accepts(accepted, contentType)) {
        response.resume();
        throw new UrlTaskRejected('UNSUPPORTED_TYPE', `${url}: content type "${contentType || 'none'}" is not one the URL consumer archives (${accepted.join(', ')})`);
      }
      const declaredLength = Number(response.headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > limits.maxBytes) {
        response.destroy();
        throw new UrlTaskRejected('TOO_LARGE', `${url}: the server declares ${declaredLength} bytes, more than ${limits.maxBytes} (LIFESTREAM_URL_MAX_BYTES)`);
      }
      const bytes = await readBody(response, limits.maxBytes, url);
      const charset = /charset="?([\w.:-]+)/i.exec(response.headers['content-type'] ?? '')?.[1];
      return { httpStatus: status, finalUrl: current.href, contentType, ...(charset ? { charset } : {}), bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
  } catch (error) {
    if (error instanceof UrlTaskRejected) throw error;
    if (deadline.aborted) throw new UrlTaskRejected('TIMEOUT', `${url}: not fetched within ${limits.timeoutMs / 1000} s (LIFESTREAM_URL_TIMEOUT_S)`);
    // Without its socket code or cause: the runtime takes those for one of Lifestream's own services
    // being away and retries without end; a site that cannot be reached is retried, then dead-lettered.
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    throw new Error(`${url}: not reached (${code ?? (error instanceof Error ? error.message : String(error))})`);
  }
}
