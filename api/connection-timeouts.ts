// How long a connection may hold the server without progress: until its request's head is in, until
// the whole request is in, between two requests, and before a first request (a connection that never
// sends one). graphql-ws sockets leave all of it once upgraded: ws clears the socket's timeout, and
// the graphql-ws keep-alive (LIFESTREAM_LIVE_KEEPALIVE_S) governs them from then on.
import type { Server, ServerOptions } from 'node:http';
import type { Config } from '../schema/config.ts';

type TimeoutSettings = Pick<
  Config,
  'LIFESTREAM_HTTP_IDLE_TIMEOUT_S' | 'LIFESTREAM_HTTP_HEADERS_TIMEOUT_S' | 'LIFESTREAM_HTTP_REQUEST_TIMEOUT_S' | 'LIFESTREAM_HTTP_KEEPALIVE_TIMEOUT_S'
>;

/** The options of http.createServer that bound a request's head, its whole and the pause after it. */
export function connectionTimeoutOptions(config: TimeoutSettings): ServerOptions {
  const headersTimeout = config.LIFESTREAM_HTTP_HEADERS_TIMEOUT_S * 1000;
  return {
    headersTimeout,
    requestTimeout: config.LIFESTREAM_HTTP_REQUEST_TIMEOUT_S * 1000,
    keepAliveTimeout: config.LIFESTREAM_HTTP_KEEPALIVE_TIMEOUT_S * 1000,
    // Node checks the two timeouts above on this period (30 s by default): a slow head is cut near its limit.
    connectionsCheckingInterval: Math.min(headersTimeout, 1000),
  };
}

/**
 * Closes a connection that stays silent for the idle timeout before its first request. Node's own
 * timeouts start with a request's first byte, so a connection that sends none would stay forever.
 * The timer is cleared by the first request: a request may then take as long as it needs to answer.
 */
export function closeSilentConnections(server: Server, config: TimeoutSettings): void {
  const idleMs = config.LIFESTREAM_HTTP_IDLE_TIMEOUT_S * 1000;
  server.on('connection', (socket) => socket.setTimeout(idleMs));
  server.on('request', (req) => req.socket.setTimeout(0));
}
