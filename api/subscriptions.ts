// GraphQL over graphql-ws on /graphql: subscriptions, and queries and mutations from devices that
// hold a socket (a microphone streaming chunks). Run through the same yoga pipeline (schema,
// limits) as HTTP, with the same body and rate limits. The token comes in connectionParams.authorization
// and passes the same gate as HTTP's.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Admission, AuthGate } from './auth/auth-gate.ts';
import type { Principal } from './auth/principal.ts';
import { tokenBudget, type SpentBudget } from './auth/token-budget.ts';
import type { Services } from './graphql/context.ts';
import { unavailableError } from './http-errors.ts';
import type { LiveConnection } from './live/fan-out.ts';

/** graphql-ws's Forbidden: a token refused at connection, or revoked while the socket is open. */
export const forbiddenCloseCode = 4403;
/** WebSocket's own "try again later" (a rate limit, a dependency away): graphql-ws clients reconnect after it, unlike after 4403. */
export const rateLimitedCloseCode = 1013;

/**
 * The authorization a client put in its connection parameters, under any casing of the key: an HTTP
 * header's name has none, and clients copy `Authorization` from their HTTP calls.
 */
function authorizationOf(connectionParams: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const entry = Object.entries(connectionParams ?? {}).find(([key]) => key.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

type OperationResult = ReturnType<NonNullable<Parameters<typeof useServer>[0]['execute']>>;

/** The execute and subscribe of the request's yoga pipeline, carried to graphql-ws in rootValue. */
interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

export async function attachSubscriptions(
  server: Server,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- yoga's server context type is ours to choose
  yoga: YogaServerInstance<any, any>,
  services: Services,
  admit: AuthGate,
): Promise<{ closeToken(tokenId: string): void; close(): Promise<void> }> {
  const sockets = new Map<string, Set<WebSocket>>();
  const principals = new WeakMap<WebSocket, Principal>();
  const closings = new WeakMap<WebSocket, AbortSignal>();
  const { LIFESTREAM_MAX_BODY_BYTES } = services.config;
  const spend = tokenBudget(services);
  // A message over the body limit closes the socket with 1009 (message too big). Upgrades are handed
  // over here rather than by ws's `server` option, which would also take the HTTP server's errors (a
  // port in use) as the WebSocket server's, for graphql-ws to log as a fault of ours.
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: LIFESTREAM_MAX_BODY_BYTES });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    wss.handleUpgrade(request, socket, head, (webSocket) => wss.emit('connection', webSocket, request));
  server.on('upgrade', upgrade);

  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onConnect: async (ctx) => {
        let admission: Admission;
        try {
          admission = await admit(ctx.extra.request, authorizationOf(ctx.connectionParams), 'connectionParams.authorization');
        } catch (error) {
          const unavailable = unavailableError(error);
          if (!unavailable) throw error;
          // Try again later, as for a rate limit: clients reconnect after 1013.
          ctx.extra.socket.close(rateLimitedCloseCode, `SERVICE_UNAVAILABLE: ${unavailable.message}`);
          return false;
        }
        const { principal, refused } = admission;
        if (refused?.code === 'RATE_LIMITED') ctx.extra.socket.close(rateLimitedCloseCode, `RATE_LIMITED: retry in ${refused.retryAfterS} s`);
        // Closed here, with the reason: graphql-ws's own close after a refusal says only "Forbidden".
        else if (refused) ctx.extra.socket.close(forbiddenCloseCode, `${refused.code}: ${refused.message}`);
        if (!principal) return false;
        principals.set(ctx.extra.socket, principal);
        // An operation still running when its socket closes is stopped, its statements cancelled.
        const closing = new AbortController();
        ctx.extra.socket.once('close', () => closing.abort());
        closings.set(ctx.extra.socket, closing.signal);
        let set = sockets.get(principal.tokenId);
        if (!set) sockets.set(principal.tokenId, (set = new Set()));
        set.add(ctx.extra.socket);
        ctx.extra.socket.once('close', () => set.delete(ctx.extra.socket));
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const socket = ctx.extra.socket;
        const principal = principals.get(socket);
        // Every operation counts against the token's budget, as every HTTP request does.
        let spent: SpentBudget | undefined;
        try {
          spent = await spend(principal?.tokenId);
        } catch (error) {
          const unavailable = unavailableError(error);
          if (!unavailable) throw error;
          return [unavailable];
        }
        if (spent) return [new GraphQLError(spent.message, { extensions: { code: 'RATE_LIMITED', retryAfterS: spent.retryAfterS } })];
        const connection: LiveConnection = { close: (code, reason) => socket.close(code, reason) };
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket,
          params: payload,
          principal,
          connection,
          leaves: closings.get(socket),
        });
        let document: ExecutionArgs['document'];
        let errors: readonly GraphQLError[];
        try {
          document = parse(payload.query);
          errors = validate(schema, document);
        } catch (error) {
          // A syntax error, or a limit (depth, cost) refusing the query: an answer to this operation,
          // not a broken connection.
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        if (errors.length > 0) return errors;
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        } satisfies ExecutionArgs;
      },
    },
    wss,
    // A client that stops reading stops answering pings too: it is ended after twice this interval.
    services.config.LIFESTREAM_LIVE_KEEPALIVE_S * 1000,
  );

  return {
    closeToken(tokenId) {
      for (const socket of sockets.get(tokenId) ?? []) socket.close(forbiddenCloseCode, 'UNAUTHENTICATED: token revoked');
    },
    async close() {
      server.off('upgrade', upgrade);
      await disposable.dispose();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}
