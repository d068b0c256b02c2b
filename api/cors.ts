// Cross-origin calls, off unless LIFESTREAM_CORS_ORIGINS lists the origins allowed: a page served
// elsewhere may then call the API with a token it holds. Tokens travel in a header, never in a
// cookie, so no origin is ever allowed credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuse } from './http-errors.ts';

/** Adds the CORS headers a request's origin is due; true when it answered the request itself (a preflight). */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const preflightMaxAgeS = 600;

export function cors(allowedOrigins: string[]): CorsHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    const isPreflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    // The answer depends on the origin asking: shared caches must keep one per origin.
    if (allowed.size > 0) res.setHeader('vary', 'Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      if (isPreflight) {
        res
          .writeHead(204, {
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-max-age': String(preflightMaxAgeS),
          })
          .end();
        return true;
      }
      res.setHeader('access-control-expose-headers', 'retry-after');
      return false;
    }
    if (!isPreflight) return false;
    refuse(res, 'FORBIDDEN', `calls from origin ${origin ?? '(none)'} are not allowed: list it in LIFESTREAM_CORS_ORIGINS (comma-separated origins)`);
    return true;
  };
}
