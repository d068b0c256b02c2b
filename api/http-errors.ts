// Refusals answered before GraphQL runs, in the shape of a GraphQL response so clients read them alike,
// and the answer to a request that failed unexpectedly or on a dependency that is away.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { describeUnavailable, retryAfterS, unavailableDependency, type Dependency } from '../db/dependency-failure.ts';

export type HttpErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'LENGTH_REQUIRED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE';

const statusOf: Record<HttpErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export function refuse(res: ServerResponse, code: HttpErrorCode, message: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): void {
  const extra = code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="lifestream"' } : {};
  res
    .writeHead(statusOf[code], { 'content-type': 'application/json', ...extra, ...headers })
    .end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }) + '\n');
}

const unavailableMessage = (dependency: Dependency) => `the ${dependency} is unreachable for now; retry in ${retryAfterS} s`;

/**
 * A dependency away for now, as GraphQL answers it: SERVICE_UNAVAILABLE naming it, over HTTP with
 * status 503 and Retry-After; undefined for any other error.
 */
export function unavailableError(error: unknown): GraphQLError | undefined {
  const dependency = unavailableDependency(error);
  if (!dependency) return undefined;
  return new GraphQLError(unavailableMessage(dependency), {
    extensions: { code: 'SERVICE_UNAVAILABLE', dependency, retryAfterS, http: { status: 503, headers: { 'retry-after': String(retryAfterS) } } },
  });
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A failure no route answered: a dependency away is answered 503 SERVICE_UNAVAILABLE naming it, with
 * Retry-After; anything else (a database that refuses a query) is logged, without the request's
 * headers or query, which may hold a token, and answered 500, rather than left to end the process.
 */
export const answeringFailures =
  (handle: RequestHandler) =>
  (req: IncomingMessage, res: ServerResponse): void =>
    void handle(req, res).catch((error: unknown) => {
      const dependency = unavailableDependency(error);
      const what = `${req.method} ${req.url?.split('?')[0]}`;
      if (dependency) console.error(`${what}: ${unavailableMessage(dependency)} (${describeUnavailable(error)})`);
      else console.error(`${what} failed:`, error);
      if (res.headersSent) return void res.destroy();
      if (dependency) return refuse(res, 'SERVICE_UNAVAILABLE', unavailableMessage(dependency), { 'retry-after': String(retryAfterS) }, { dependency, retryAfterS });
      refuse(res, 'INTERNAL_SERVER_ERROR', 'the server failed to answer; try again, and if it persists, its log says why');
    });
