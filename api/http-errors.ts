// Refusals answered before GraphQL runs, in the shape of a GraphQL response so clients read them alike,
// and the answer to a request that failed unexpectedly.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HttpErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'LENGTH_REQUIRED' | 'PAYLOAD_TOO_LARGE' | 'RATE_LIMITED' | 'INTERNAL_SERVER_ERROR';

const statusOf: Record<HttpErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

export function refuse(res: ServerResponse, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  const extra = code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="lifestream"' } : {};
  res
    .writeHead(statusOf[code], { 'content-type': 'application/json', ...extra, ...headers })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }) + '\n');
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A failure no route answered (a database gone away): logged, without the request's headers or query,
 * which may hold a token, and answered 500, rather than left to end the process.
 */
export const answeringFailures =
  (handle: RequestHandler) =>
  (req: IncomingMessage, res: ServerResponse): void =>
    void handle(req, res).catch((error: unknown) => {
      console.error(`${req.method} ${req.url?.split('?')[0]} failed:`, error);
      if (res.headersSent) return void res.destroy();
      refuse(res, 'INTERNAL_SERVER_ERROR', 'the server failed to answer; try again, and if it persists, its log says why');
    });
