// What tells one export file from the next written at the same path: its size and modification
// time. A cursor that counts items is only valid for the file it counted in; another export (its
// items in another order, new ones first) is read from its start, and the ids absorb what was sent.
import { statSync } from 'node:fs';

export function fileFingerprint(path: string): string {
  const stats = statSync(path);
  return `${stats.size}:${stats.mtimeMs}`;
}
