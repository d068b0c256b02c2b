// The data directory (LIFESTREAM_DATA_DIR), made if missing and checked writable before anything is
// kept there: a path that is a file, or a folder this user may not write, stops the start with a line
// naming the setting, rather than a stack from whichever part touched it first.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../schema/config.ts';

const whyNot = (error: unknown): string => {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'is a file, or lies under one';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'cannot be written by this user';
  return `cannot be used (${error instanceof Error ? error.message : String(error)})`;
};

export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigError(`Lifestream cannot start: LIFESTREAM_DATA_DIR ${resolve(dir)} ${whyNot(error)}: set it to a folder this user may write (./data by default)`);
  }
}
