import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isTransient } from '../../db/dependency-failure.ts';
import { allowListOf, guardedLookup } from './address-guard.ts';
import { guardedFetch } from './guarded-fetch.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

const limits = { timeoutMs: 1_500, maxRedirects: 2, maxBytes: 64 * 1024 };
const loopbackAllowed = allowListOf(['127.0.0.0/8']);
const guard = (allow = loopbackAllowed) => ({ allow, lookup: guardedLookup(allow) });
const html = ['text/html'];

const rejectedWith = (code: string, message?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof UrlTaskRejected, String(error));
  assert.equal(error.code, code, error.message);
  if (message) assert.match(error.message, message);
  return true;
};

describe('guarded fetch', () => {
  let server: Server;
  let base: string;
  const pending = new Set<() => void>();

  before(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/page') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>hello</p>');
      if (path.startsWith('/hop/')) {
        const left = Number(path.slice('/hop/'.length));
        return void res.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/page' }).end();
      }
      if (path === '/to-metadata') return void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (path === '/slow') return void pending.add(() => res.end());
      if (path === '/endless') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const write = () => {
          while (res.write(chunk));
        };
        res.on('drain', write);
        return write();
      }
      if (path === '/image') return void res.writeHead(200, { 'content-type': 'image/png' }).end('png');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const finish of pending) finish();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('follows redirects and records the final URL, status and content hash', async () => {
    const fetched = await guardedFetch(`${base}/hop/1`, html, limits, guard());
    assert.equal(fetched.finalUrl, `${base}/page`);
    assert.equal(fetched.httpStatus, 200);
    assert.equal(fetched.contentType, 'text/html');
    assert.equal(fetched.charset, 'utf-8');
    assert.equal(fetched.sha256, createHash('sha256').update('<p>hello</p>').digest('hex'));
    assert.equal(fetched.bytes.toString(), '<p>hello</p>');
  });

  it('refuses one redirect more than the limit', async () => {
    await assert.rejects(guardedFetch(`${base}/hop/2`, html, limits, guard()), rejectedWith('TOO_MANY_REDIRECTS', /more than 2 redirects/));
  });

  it('refuses loopback reached by the name localhost when no allow-list permits it', async () => {
    const port = new URL(base).port;
    await assert.rejects(guardedFetch(`http://localhost:${port}/page`, html, limits, guard(allowListOf([]))), rejectedWith('BLOCKED_ADDRESS', /localhost: .* is a loopback address/));
    await assert.rejects(guardedFetch(`${base}/page`, html, limits, guard(allowListOf([]))), rejectedWith('BLOCKED_ADDRESS', /127\.0\.0\.1/));
  });

  it('refuses a redirect to the metadata address although the first host was allowed, and one to file:', async () => {
    await assert.rejects(guardedFetch(`${base}/to-metadata`, html, limits, guard()), rejectedWith('BLOCKED_ADDRESS', /169\.254\.169\.254 is a cloud metadata address/));
    await assert.rejects(guardedFetch(`${base}/to-file`, html, limits, guard()), rejectedWith('UNSUPPORTED_SCHEME', /file: URLs are not fetched/));
  });

  it('gives up a slow response at the deadline and cuts an endless body at the size limit', async () => {
    await assert.rejects(guardedFetch(`${base}/slow`, html, limits, guard()), rejectedWith('TIMEOUT', /not fetched within 1.5 s/));
    await assert.rejects(guardedFetch(`${base}/endless`, html, limits, guard()), rejectedWith('TOO_LARGE', /larger than 65536 bytes/));
  });

  it('refuses content types the caller does not take and refuses a 4xx for good', async () => {
    await assert.rejects(guardedFetch(`${base}/image`, html, limits, guard()), rejectedWith('UNSUPPORTED_TYPE', /image\/png/));
    await assert.rejects(guardedFetch(`${base}/missing`, html, limits, guard()), rejectedWith('HTTP_STATUS', /answered 404/));
  });

  it("retries a site that refuses connections without taking it for one of Lifestream's own services being away", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(guardedFetch(`http://127.0.0.1:${port}/`, html, limits, guard()), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof UrlTaskRejected));
      assert.match(error.message, /not reached \(ECONNREFUSED\)/);
      assert.equal(isTransient(error), false);
      return true;
    });
  });
});
