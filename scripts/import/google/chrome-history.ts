// Chrome history from Google Takeout (Chrome/BrowserHistory.json: {"Browser History": [{url, title,
// time_usec, page_transition, ...}]}) into webVisit, read as a stream.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { fileFingerprint } from '../file-fingerprint.ts';
import type { Importer, ImportStep } from '../import-step.ts';
import { importedEvent, importedEventId } from '../imported-event.ts';
import { jsonItems } from '../json-items.ts';
import { safeParseQuotingInput } from '../../../schema/validation.ts';
import { itemProblems } from '../item-problems.ts';

const visit = z.object({
  url: z.string().min(1),
  title: z.string().optional(),
  time_usec: z.number().int().positive(),
});

export function chromeTakeoutImporter(path: string): Importer {
  return {
    cursorKey: `google-chrome-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor): AsyncGenerator<ImportStep> {
      const file = fileFingerprint(path);
      const done = cursor?.file === file && typeof cursor.items === 'number' ? cursor.items : 0;
      let index = 0;
      for await (const { value } of jsonItems(path, ['Browser History'])) {
        index += 1;
        if (index <= done) continue;
        const parsed = safeParseQuotingInput(visit, value);
        if (!parsed.success) {
          yield { type: 'skip', where: `${path} visit ${index}`, reason: itemProblems(parsed.error, 'the item') };
        } else {
          const { url, title, time_usec: timeUsec } = parsed.data;
          const time = new Date(Math.floor(timeUsec / 1000));
          yield { type: 'event', event: importedEvent('webVisit', importedEventId('chrome-visit', String(timeUsec), url), time, { url, ...(title ? { title: title.slice(0, 1_024) } : {}), browser: 'Chrome' }) };
        }
        yield { type: 'checkpoint', cursor: { file, items: index } };
      }
      if (index === 0 && done === 0) throw new Error(`${path} holds no "Browser History": is it Chrome/BrowserHistory.json from Google Takeout?`);
    },
  };
}
