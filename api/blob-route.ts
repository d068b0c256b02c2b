// GET /blobs/<sha256>: the bytes an event references (a speech segment's audio, a photo), for a read
// token, so the web app can play and show them. Content-addressed bytes never change: cached for
// good by the browser, privately, as they belong to the token's owner. Any read token reads any blob.
// Never rendered as a page of this origin: a download, in a sandbox, even if the bytes are HTML.
import type { ServerResponse } from 'node:http';
import type { BlobStore } from '../db/blob-store.ts';
import { canRead, type Principal } from './auth/principal.ts';
import { refuse } from './http-errors.ts';
import { blobPolicy, setSecurityHeaders } from './security-headers.ts';

export const blobPathPrefix = '/blobs/';
const sha256Pattern = /^[0-9a-f]{64}$/;

export async function serveBlob(blobs: BlobStore, principal: Principal, path: string, res: ServerResponse): Promise<void> {
  if (!canRead(principal)) return refuse(res, 'FORBIDDEN', 'blobs need a read or admin token');
  const sha256 = path.slice(blobPathPrefix.length);
  const bytes = sha256Pattern.test(sha256) ? await blobs.get(sha256) : undefined;
  if (!bytes) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`no blob ${sha256}: blobs are /blobs/<sha256 in lower-case hex> of a blob an event references\n`);
  // The event's blob reference carries the mime type; the store keeps bytes only.
  setSecurityHeaders(res, blobPolicy);
  res
    .writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${sha256}"`,
      'content-length': bytes.byteLength,
      'cache-control': 'private, max-age=31536000, immutable',
    })
    .end(bytes);
}
