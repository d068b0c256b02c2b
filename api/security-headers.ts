// What browsers are told about each response: never sniff its type, never frame it, never send its
// address on as a referrer, and a Content-Security-Policy fit for what it is: the web app, the
// GraphiQL page, an API answer or a blob.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** JSON and text answers run nothing and load nothing. */
export const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/** A blob is bytes from a device: shown in a sandbox with no origin, never run, even if it is HTML or SVG. */
export const blobPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

const appDirectives = (extra: { img?: string[] }) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // data: for the inline icon, blob: for photos and audio fetched with the token.
    ['img-src', "'self'", 'data:', 'blob:', ...(extra.img ?? [])].join(' '),
    "media-src 'self' blob:",
    // 'self' covers ws: and wss: to the same host (CSP level 3): the graphql-ws socket.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The web app's policy: its own scripts and styles only; map tiles from the configured tile server. */
export function appPolicy(mapTilesUrl: string | undefined): string {
  return appDirectives({ img: mapTilesUrl ? [new URL(mapTilesUrl.replace(/\{[zxy]\}/g, '0')).origin] : [] });
}

const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * GraphiQL's page is one inline script (the editor with its workers as blob: URLs) and inline
 * styles: its scripts are allowed by their hashes, computed from the page itself. Its editor
 * (Monaco) writes style elements at run time, which only 'unsafe-inline' lets through for styles.
 */
export function graphiqlPolicy(html: string): string {
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => sha256Source(match[1]!));
  return [
    "default-src 'none'",
    `script-src ${inlineScripts.join(' ')}`,
    "style-src 'unsafe-inline'",
    'worker-src blob:',
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the headers every response carries, with the policy of what it answers (the API's unless told). */
export function setSecurityHeaders(res: ServerResponse, contentSecurityPolicy = apiPolicy): void {
  res.setHeader('content-security-policy', contentSecurityPolicy);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}
