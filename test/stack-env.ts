// The connection settings of the local stack (`npm run stack -- up` writes .stack/env).
import { existsSync, readFileSync } from 'node:fs';

export function stackEnv(): Record<string, string> {
  const path = new URL('../.stack/env', import.meta.url).pathname;
  if (!existsSync(path)) throw new Error('.stack/env is missing: run `npm run stack -- up` (npm test does it for you)');
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
