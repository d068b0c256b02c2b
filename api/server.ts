// The HTTP server: a composition of named pieces on one port: connection timeouts, security headers,
// CORS, health, the web app, the auth gate, limits, metrics, blobs and GraphQL (graphql-yoga).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { authGate } from './auth/auth-gate.ts';
import type { Principal } from './auth/principal.ts';
import { tokenBudget } from './auth/token-budget.ts';
import { closeSilentConnections, connectionTimeoutOptions } from './connection-timeouts.ts';
import { cors } from './cors.ts';
import { logAndMaskError } from './error-log.ts';
import { createContext, type Services } from './graphql/context.ts';
import { schema } from './graphql/schema.ts';
import { healthRoutes } from './health.ts';
import { answeringFailures, refuse, unavailableError } from './http-errors.ts';
import { limitPlugins } from './limits.ts';
import { metricsPath, serveMetrics } from './metrics-route.ts';
import { startFanOut, type LiveConnection } from './live/fan-out.ts';
import { blobPathPrefix, serveBlob } from './blob-route.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { graphiqlPage } from './graphiql-page.ts';
import { attachSubscriptions } from './subscriptions.ts';
import { useUtf8Body } from './utf8-body.ts';
import { useMultipartMap } from './multipart-map.ts';
import { useArgumentTexts } from './argument-texts.ts';
import { useVariableErrors } from './variable-errors.ts';
import { useCompiledIngest } from './compiled-ingest.ts';
import { webApp } from './web-app.ts';
import { unreadableMediaType } from './request-media-type.ts';
import { tokenRevokedChannel } from '../db/access-tokens.ts';

interface ServerContext {
  req: IncomingMessage;
  res?: ServerResponse;
  principal: Principal;
  connection?: LiveConnection;
  /** Over graphql-ws: aborts when the socket closes (over HTTP, yoga's request.signal does). */
  leaves?: AbortSignal;
}

/** GraphiQL is a static page; the operations it sends carry the token set in its headers pane. */
const wantsGraphiql = (req: IncomingMessage) => req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');

export interface LifestreamServer {
  server: Server;
  /** Stops accepting, ends subscriptions and live delivery; resolves when all of it is done. */
  close(): Promise<void>;
}

/** The HTTP server with subscriptions attached. */
export async function createLifestreamServer(services: Services): Promise<LifestreamServer> {
  const { config } = services;
  const live = await startFanOut(services.cache, { maxQueue: config.LIFESTREAM_LIVE_MAX_QUEUE });
  const yoga = createYoga<ServerContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ principal, connection, leaves, request }) => createContext(services, live, { principal, connection, leaves: leaves ?? request.signal }),
    graphiql: true,
    renderGraphiQL: async () => (await graphiqlPage()).html,
    landingPage: false,
    // CORS is ours (cors.ts), for every route alike.
    cors: false,
    plugins: [useUtf8Body(), useMultipartMap(), useCompiledIngest(), ...limitPlugins(config, schema), useVariableErrors(), useArgumentTexts()],
    // The limit server.ts checks first on Content-Length, in force on the body read too (yoga's own is 25 MB).
    maxRequestBodySize: config.LIFESTREAM_MAX_BODY_BYTES,
    // Errors that are not GraphQLErrors reach the client masked and the log whole; the client's own, one
    // line. A dependency away for now is answered SERVICE_UNAVAILABLE (503 with Retry-After over HTTP),
    // naming it; yoga logs its cause itself.
    maskedErrors: { maskError: (error, message, isDev) => unavailableError(error) ?? logAndMaskError(error, message, isDev) },
  });

  const app = webApp({ mapTiles: config.LIFESTREAM_MAP_TILES_URL ? { url: config.LIFESTREAM_MAP_TILES_URL, attribution: config.LIFESTREAM_MAP_TILES_ATTRIBUTION } : null, memos: Boolean(config.MEMOS_DB) });
  const admit = authGate(services);
  const spend = tokenBudget(services);
  const crossOrigin = cors(config.LIFESTREAM_CORS_ORIGINS);
  const health = healthRoutes(services);
  const server = createServer(connectionTimeoutOptions(config), answeringFailures(async (req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    setSecurityHeaders(res);
    if (crossOrigin(req, res)) return;
    if (await health(path, res)) return;
    if (path === '/graphql' && wantsGraphiql(req)) {
      setSecurityHeaders(res, (await graphiqlPage()).policy);
      return void yoga.handle(req, res, {} as ServerContext);
    }
    if (app(req, res, path)) return;

    const { principal, refused } = await admit(req, req.headers.authorization, 'Authorization');
    if (refused) return refuse(res, refused.code, refused.message, refused.retryAfterS ? { 'retry-after': String(refused.retryAfterS) } : {});
    const spent = await spend(principal.tokenId);
    if (spent) return refuse(res, 'RATE_LIMITED', spent.message, { 'retry-after': String(spent.retryAfterS) });
    if (path === metricsPath) return serveMetrics(principal, res);
    if (req.method === 'GET' && path.startsWith(blobPathPrefix)) return serveBlob(services.blobs, principal, path, res);
    if (req.method === 'POST') {
      const length = req.headers['content-length'];
      if (length === undefined) return refuse(res, 'LENGTH_REQUIRED', 'send Content-Length: chunked request bodies are not accepted');
      if (Number(length) > config.LIFESTREAM_MAX_BODY_BYTES) {
        return refuse(res, 'PAYLOAD_TOO_LARGE', `request body is ${length} bytes, at most ${config.LIFESTREAM_MAX_BODY_BYTES} are accepted; split the batch`);
      }
      const unreadable = path === '/graphql' ? unreadableMediaType(req.headers['content-type']) : undefined;
      if (unreadable) return refuse(res, 'UNSUPPORTED_MEDIA_TYPE', unreadable);
    }
    await yoga.handle(req, res, { req, res, principal });
  }));
  closeSilentConnections(server, config);
  const webSockets = await attachSubscriptions(server, yoga, services, admit);
  // Revocation reaches every API instance through PostgreSQL: open subscriptions of the token end at once.
  const unlisten = await services.store.listen(tokenRevokedChannel, (tokenId) => {
    live.endToken(tokenId);
    webSockets.closeToken(tokenId);
  });
  return {
    server,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      await unlisten();
      await webSockets.close();
      await live.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
