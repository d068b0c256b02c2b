// The HTTP edge as a hostile client meets it: unknown tokens run out of tries per client address
// before they cost a lookup, silent and half-sent connections are closed, browsers get headers that
// keep pages from being framed, sniffed or called from elsewhere, and logs never hold a token.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { hashToken } from '../db/access-tokens.ts';
import { eventually, startHarness, uniqueDevice, type Harness } from './harness.ts';

const failuresPerMinute = 5;
const allowedOrigin = 'https://app.example.org';
const trustedProxy = '127.0.0.10';
const query = JSON.stringify({ query: '{ __typename }' });
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface Answer {
  status: number;
  /** Each header once, lower-case, as one string. */
  headers: Record<string, string | undefined>;
  body: string;
}

const flat = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));

/** One HTTP request from a chosen loopback address (every 127.x.y.z is this machine), on a connection of its own. */
function send(url: string, options: { method?: string; token?: string; from?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const { method = 'POST', token, from = '127.0.0.1', headers = {}, body = method === 'POST' ? query : undefined } = options;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress: from,
        agent: false,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flat(res.headers), body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (answer: Answer) => (JSON.parse(answer.body) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

/** A token of the issued shape that no one issued. */
const unknownToken = () => `lst_${randomBytes(32).toString('base64url')}`;

/** A graphql-ws client whose socket comes from a chosen loopback address. */
function socketFrom(url: string, from: string, token: string, closes: { code: number; reason: string }[]): Client {
  class WebSocketFrom extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress: from });
    }
  }
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocketFrom,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => void closes.push(event as { code: number; reason: string }) },
  });
}

/** Opens a query over the socket and resolves with how the connection ended. */
async function socketRefusal(url: string, from: string, token: string): Promise<{ code: number; reason: string }> {
  const closes: { code: number; reason: string }[] = [];
  const client = socketFrom(url, from, token, closes);
  await new Promise<void>((resolve) => client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: () => resolve(), complete: () => resolve() }));
  await client.dispose();
  return closes[0]!;
}

/** Moves the token table away, so that any token lookup fails, for the span of `run`. */
async function withoutTokenTable<T>(h: Harness, run: () => Promise<T>): Promise<T> {
  await h.services.store.query('ALTER TABLE access_token RENAME TO access_token_away');
  try {
    return await run();
  } finally {
    await h.services.store.query('ALTER TABLE access_token_away RENAME TO access_token');
  }
}

async function createToken(h: Harness, scope: 'READ' | 'INGEST'): Promise<string> {
  const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation($s: Scope!) { createAccessToken(name: "edge test", scope: $s) { token } }`, { s: scope });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  return created.data!.createAccessToken.token;
}

describe('HTTP edge', () => {
  let h: Harness;
  let base: string;
  before(async () => {
    h = await startHarness(undefined, {
      LIFESTREAM_AUTH_FAILURES_PER_MINUTE: String(failuresPerMinute),
      LIFESTREAM_HTTP_IDLE_TIMEOUT_S: '1',
      LIFESTREAM_HTTP_HEADERS_TIMEOUT_S: '1',
      LIFESTREAM_HTTP_KEEPALIVE_TIMEOUT_S: '1',
      LIFESTREAM_CORS_ORIGINS: `${allowedOrigin},http://localhost:5173`,
      LIFESTREAM_TRUSTED_PROXIES: trustedProxy,
    });
    await h.startPersistence();
    base = h.url.replace(/\/graphql$/, '');
  });
  after(() => h.close());

  describe('unknown tokens', () => {
    it('answers 429 RATE_LIMITED with Retry-After to an address past its failed authentications, before any lookup, to that address only', async () => {
      const attacker = '127.0.0.2';
      for (let i = 0; i < failuresPerMinute + 1; i++) assert.equal((await send(h.url, { from: attacker })).status, 401, 'no token at all guesses nothing: not counted');
      for (let i = 0; i < failuresPerMinute; i++) assert.equal((await send(h.url, { token: unknownToken(), from: attacker })).status, 401);
      const limited = await send(h.url, { token: unknownToken(), from: attacker });
      assert.equal(limited.status, 429);
      assert.equal(codeOf(limited), 'RATE_LIMITED');
      assert.match(limited.body, /failed authentications a minute from 127\.0\.0\.2; retry in \d+ s/);
      assert.ok(Number(limited.headers['retry-after']) >= 1, `Retry-After in seconds, got ${limited.headers['retry-after']}`);
      // A lookup with the table gone would fail (500): the refusal comes first.
      const refusedUnlooked = await withoutTokenTable(h, () => send(h.url, { token: unknownToken(), from: attacker }));
      assert.equal(refusedUnlooked.status, 429);
      const reader = await createToken(h, 'READ');
      assert.equal((await send(h.url, { token: reader, from: attacker })).status, 429, 'a valid token from the blocked address waits too');
      assert.equal((await send(h.url, { token: reader, from: '127.0.0.1' })).status, 200, 'other addresses are served');
      assert.equal((await send(h.url, { token: unknownToken(), from: '127.0.0.1' })).status, 401);
    });

    it('counts graphql-ws connections with the same gate: refused with 4403, then closed with 1013 (try again later)', async () => {
      const attacker = '127.0.0.3';
      for (let i = 0; i < failuresPerMinute; i++) assert.equal((await socketRefusal(h.url, attacker, unknownToken())).code, 4403);
      const limited = await socketRefusal(h.url, attacker, unknownToken());
      assert.equal(limited.code, 1013);
      assert.match(limited.reason, /^RATE_LIMITED: retry in \d+ s$/);
      assert.equal((await send(h.url, { token: unknownToken(), from: attacker })).status, 429, 'HTTP from that address is held back as well');
    });

    it('remembers an unknown token: asked again, it is refused without a lookup', async () => {
      const token = unknownToken();
      const from = '127.0.0.4';
      assert.equal((await send(h.url, { token, from })).status, 401);
      const again = await withoutTokenTable(h, () => send(h.url, { token, from }));
      assert.equal(again.status, 401, again.body);
      assert.equal(codeOf(again), 'UNAUTHENTICATED');
    });

    it('counts the address a trusted proxy names, not the proxy', async () => {
      const viaProxy = (client: string) => send(h.url, { token: unknownToken(), from: trustedProxy, headers: { 'x-forwarded-for': `198.51.100.99, ${client}` } });
      for (let i = 0; i < failuresPerMinute; i++) assert.equal((await viaProxy('203.0.113.7')).status, 401);
      assert.equal((await viaProxy('203.0.113.7')).status, 429);
      assert.equal((await viaProxy('203.0.113.8')).status, 401, 'another client behind the same proxy is not held back');
      const forged = await send(h.url, { token: unknownToken(), from: '127.0.0.7', headers: { 'x-forwarded-for': '203.0.113.7' } });
      assert.equal(forged.status, 401, 'X-Forwarded-For from an address that is no trusted proxy names no one');
    });
  });

  describe('idle connections', () => {
    const openSocket = async () => {
      const socket: Socket = connect(Number(new URL(h.url).port), '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    };

    it('closes a connection that never sends a byte', { timeout: 30_000 }, async () => {
      const socket = await openSocket();
      await once(socket, 'close');
    });

    it('closes a connection that sends half of its headers', { timeout: 30_000 }, async () => {
      const socket = await openSocket();
      socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`);
      socket.resume();
      await once(socket, 'close');
    });

    it('closes a kept-alive connection that asks nothing more after an answer', { timeout: 30_000 }, async () => {
      const socket = await openSocket();
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
      await once(socket, 'close');
      assert.match(answer, /^HTTP\/1\.1 200 OK/);
      assert.match(answer, /Keep-Alive: timeout=1/i);
    });

    it('keeps a live graphql-ws subscription open past the idle timeout', { timeout: 120_000 }, async () => {
      const device = uniqueDevice('edge');
      const closes: { code: number; reason: string }[] = [];
      const client = socketFrom(h.url, '127.0.0.1', h.adminToken, closes);
      const arrived: string[] = [];
      const stop = client.subscribe<{ timeline: { node: { id: string } } }>(
        { query: `subscription($d: [ID!]) { timeline(deviceIds: $d) { node { id } } }`, variables: { d: [device] } },
        { next: (result) => void arrived.push(result.data!.timeline.node.id), error: () => {}, complete: () => {} },
      );
      let second = 0;
      const ingest = async (label: string) => {
        const id = `${device}-${label}-${second}`;
        await h.graphql(`mutation($e: [AmbientLightInput!]!) { ingestAmbientLight(events: $e) { acceptedCount } }`, {
          e: [{ id, deviceId: device, time: new Date(Date.UTC(2026, 0, 1, 0, 0, second++)).toISOString(), lux: 1 }],
        });
        return id;
      };
      // Live once an event sent after subscribing arrives.
      await eventually(async () => (arrived.length > 0 ? true : (await ingest('probe'), undefined)), 'the subscription to go live');
      // A silent connection opened now is cut by the idle timeout; the subscription's socket has been silent as long.
      await once(await openSocket(), 'close');
      const after = await ingest('after-idle');
      await eventually(async () => (arrived.includes(after) ? true : undefined), 'an event after the idle timeout');
      assert.deepEqual(closes, []);
      stop();
      await client.dispose();
    });
  });

  describe('browser-facing headers', () => {
    const assertFrameAndSniffGuards = (answer: Answer, what: string) => {
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', what);
      assert.equal(answer.headers['x-frame-options'], 'DENY', what);
      assert.equal(answer.headers['referrer-policy'], 'no-referrer', what);
      assert.match(answer.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, what);
    };

    it('guards GraphQL answers, refusals, the app and GraphiQL against framing and sniffing', async () => {
      const answered = await send(h.url, { token: h.adminToken });
      assert.equal(answered.status, 200);
      assertFrameAndSniffGuards(answered, 'a GraphQL answer');
      assert.match(answered.headers['content-security-policy']!, /default-src 'none'/);
      assertFrameAndSniffGuards(await send(h.url, { from: '127.0.0.5' }), 'a refusal');
      const app = await send(`${base}/`, { method: 'GET' });
      assertFrameAndSniffGuards(app, 'the app');
      assert.match(app.headers['content-security-policy']!, /script-src 'self'(;|$)/);
      const graphiql = await send(h.url, { method: 'GET', headers: { accept: 'text/html' } });
      assertFrameAndSniffGuards(graphiql, 'GraphiQL');
      assert.doesNotMatch(graphiql.headers['content-security-policy']!, /script-src[^;]*unsafe-inline/);
    });

    it('serves a blob as a download in a sandbox', async () => {
      const sha256 = await h.services.blobs.put(new TextEncoder().encode('<script>alert(document.domain)</script>'));
      const blob = await send(`${base}/blobs/${sha256}`, { method: 'GET', token: h.adminToken });
      assert.equal(blob.status, 200);
      assertFrameAndSniffGuards(blob, 'a blob');
      assert.equal(blob.headers['content-security-policy'], "default-src 'none'; sandbox; frame-ancestors 'none'");
      assert.equal(blob.headers['content-disposition'], `attachment; filename="${sha256}"`);
      assert.equal(blob.headers['content-type'], 'application/octet-stream');
    });

    it('allows cross-origin calls from the listed origins only, never with credentials', async () => {
      const preflight = (origin: string) =>
        send(h.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      const allowed = await preflight(allowedOrigin);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], allowedOrigin);
      assert.match(allowed.headers['access-control-allow-headers'] ?? '', /authorization/);
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined);
      const elsewhere = await preflight('https://evil.example');
      assert.equal(elsewhere.status, 403);
      assert.equal(elsewhere.headers['access-control-allow-origin'], undefined);
      assert.match(elsewhere.body, /origin https:\/\/evil\.example are not allowed: list it in LIFESTREAM_CORS_ORIGINS/);

      const call = (origin: string) => send(h.url, { token: h.adminToken, headers: { origin } });
      assert.equal((await call(allowedOrigin)).headers['access-control-allow-origin'], allowedOrigin);
      const stranger = await call('https://evil.example');
      assert.equal(stranger.status, 200, 'a request without CORS headers is answered; the browser withholds the answer from the page');
      assert.equal(stranger.headers['access-control-allow-origin'], undefined);
      assert.equal(stranger.headers['access-control-allow-credentials'], undefined);
    });

    it('runs GraphiQL under its policy in a browser, with no violation', { timeout: 120_000 }, async () => {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumFlags });
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
        });
        await page.goto(h.url);
        // The editors are Monaco's, run from blob: workers; the page asks for the schema at once
        // (refused here: its headers pane holds a placeholder, not a token) and shows the answer.
        await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
        await page.locator('.graphiql-response').getByText('UNAUTHENTICATED').waitFor();
        assert.deepEqual(violations, []);
      } finally {
        await browser.close();
      }
    });
  });

  describe('logs', () => {
    /** What console.error wrote while `run` ran, as the log would hold it. */
    async function errorLog(run: () => Promise<void>): Promise<string> {
      const logged: string[] = [];
      const consoleError = console.error;
      console.error = (...args: unknown[]) => void logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
      try {
        await run();
      } finally {
        console.error = consoleError;
      }
      return logged.join('\n');
    }
    const assertHolds = (log: string, secrets: string[]) => {
      for (const secret of [...secrets, h.adminToken, hashToken(h.adminToken).slice(0, 16)]) assert.ok(!log.includes(secret), `the log holds ${secret}:\n${log}`);
      assert.doesNotMatch(log, /[0-9a-f]{64}/, `no sha256 in the log, such as a token's hash:\n${log}`);
    };

    it('logs a failed token creation without the new token\'s hash', async () => {
      const log = await errorLog(() =>
        withoutTokenTable(h, async () => {
          const creating = await h.graphql(`mutation { createAccessToken(name: "edge test", scope: READ) { token } }`);
          assert.ok(creating.errors, 'creating a token fails without its table');
        }),
      );
      assert.match(log, /storing a new access token failed: relation "access_token" does not exist/);
      assertHolds(log, []);
    });

    it('answers a failed token lookup 500 and logs it without the token or its hash', { timeout: 30_000 }, async () => {
      const token = unknownToken();
      const log = await errorLog(() =>
        withoutTokenTable(h, async () => {
          const lookup = await send(h.url, { token, from: '127.0.0.6' });
          assert.equal(lookup.status, 500);
          assert.equal(codeOf(lookup), 'INTERNAL_SERVER_ERROR');
        }),
      );
      assert.match(log, /POST \/graphql failed: Error: looking up an access token failed: relation "access_token" does not exist/);
      assertHolds(log, [token, hashToken(token), hashToken(token).slice(0, 16)]);
    });
  });
});
