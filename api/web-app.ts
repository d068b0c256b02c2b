// The web app at /: the static build in web/dist (`npm run build:web`, run by `npm start`) with its
// hashed assets, and /app-settings.json, what the server's configuration tells the app (map tiles, whether memos are configured).
// Not behind auth: neither holds anything private, every GraphQL call the app makes carries the
// token. Any other GET that is not the API's own path is an app route and gets index.html.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { AppSettings } from '../schema/app-settings.ts';
import { blobPathPrefix } from './blob-route.ts';
import { appPolicy, setSecurityHeaders } from './security-headers.ts';

const webDistDir = new URL('../web/dist', import.meta.url).pathname;

/** Paths the API answers itself; the app never shadows them. */
const apiPaths = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const isApiPath = (path: string) => apiPaths.has(path) || path.startsWith(blobPathPrefix);

/** Answers the app's paths (true); false leaves the request to the API. */
type WebAppHandler = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

const appSettingsPath = '/app-settings.json';

export function webApp(settings: AppSettings): WebAppHandler {
  const settingsJson = JSON.stringify(settings);
  const policy = appPolicy(settings.mapTiles?.url);
  const built = existsSync(`${webDistDir}/index.html`);
  const serve = built
    ? sirv(webDistDir, {
        single: true,
        etag: true,
        // Hashed asset names change with their content; index.html must be asked for anew.
        setHeaders: (res, pathname) => res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
      })
    : undefined;
  return (req, res, path) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(path)) return false;
    setSecurityHeaders(res, policy);
    if (path === appSettingsPath) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' }).end(settingsJson);
      return true;
    }
    if (!serve) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('The web app is not built: run `npm run build:web` (npm start does it).\n');
      return true;
    }
    serve(req, res);
    return true;
  };
}
