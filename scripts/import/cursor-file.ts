// Where an import's cursor is kept between runs: one JSON file per source and key in the state
// folder (the client's data directory), replaced atomically so a crash leaves the old or the new one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cursor } from './import-step.ts';

export interface CursorFile {
  readonly path: string;
  read(): Cursor | undefined;
  write(cursor: Cursor): void;
}

export function cursorFile(stateDir: string, key: string): CursorFile {
  const path = join(stateDir, `${key.replace(/[^A-Za-z0-9._@-]+/g, '_')}.json`);
  return {
    path,
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
        throw error;
      }
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(`import cursor ${path} is not a JSON object; delete it to import from the start`);
      }
      return Object.fromEntries(Object.entries(parsed));
    },
    write(cursor) {
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(cursor));
      renameSync(`${path}.tmp`, path);
    },
  };
}
