// Refusals answered before GraphQL runs, in the shape of a GraphQL response so clients read them alike.
import type { ServerResponse } from 'node:http';

export type HttpErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'LENGTH_REQUIRED' | 'PAYLOAD_TOO_LARGE' | 'RATE_LIMITED';

const statusOf: Record<HttpErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

export function refuse(res: ServerResponse, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  const extra = code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer realm="lifestream"' } : {};
  res
    .writeHead(statusOf[code], { 'content-type': 'application/json', ...extra, ...headers })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }) + '\n');
}
