// A fetch that serves file: URLs from the disk and hands every other URL to the fetch it wraps.
// Human's WebAssembly build loads its models with fetch on file:// URLs, which Node's fetch refuses.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export function fetchWithFiles(next: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('file:')) return next(input, init);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch (error) {
      const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
      return new Response(null, { status: missing ? 404 : 500, statusText: error instanceof Error ? error.message : String(error) });
    }
  };
}
