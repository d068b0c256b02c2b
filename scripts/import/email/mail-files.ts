// Importers for mail kept in files: an mbox (resumed at the byte offset after the last message
// sent) and .eml files (resumed after the last file sent, in path order).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Importer } from '../import-step.ts';
import { messageSteps, type MessageContext } from './email-message.ts';
import { mboxMessages } from './mbox-messages.ts';

const pathKey = (path: string) => `${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`;

export function mboxImporter(path: string, context: MessageContext): Importer {
  return {
    cursorKey: `email-mbox-${pathKey(path)}`,
    async *steps(cursor) {
      const size = statSync(path).size;
      const offset = typeof cursor?.offset === 'number' && cursor.offset <= size ? cursor.offset : 0;
      let index = typeof cursor?.messages === 'number' && offset > 0 ? cursor.messages : 0;
      for await (const message of mboxMessages(path, offset)) {
        index += 1;
        yield* messageSteps(message.raw, context, `${path} message ${index} (byte ${message.start})`);
        yield { type: 'checkpoint', cursor: { offset: message.end, messages: index } };
      }
    },
  };
}

function emlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [resolve(path)];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.toLowerCase().endsWith('.eml'))
    .map((name) => resolve(join(path, name)));
}

export function emlImporter(paths: readonly string[], context: MessageContext): Importer {
  const files = paths.flatMap(emlFiles).sort();
  return {
    cursorKey: `email-eml-${createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)}`,
    async *steps(cursor) {
      const after = typeof cursor?.lastFile === 'string' ? cursor.lastFile : '';
      const remaining = files.filter((file) => file > after);
      yield { type: 'total', items: remaining.length };
      for (const file of remaining) {
        yield* messageSteps(readFileSync(file), context, file);
        yield { type: 'checkpoint', cursor: { lastFile: file } };
      }
    },
  };
}
