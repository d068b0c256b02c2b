// Runs one importer: its events sent in batches, its cursor saved once what came before it is
// acknowledged, what it skipped collected with where and why.
import type { Cursor, Importer } from './import-step.ts';
import type { CursorFile } from './cursor-file.ts';
import { fileBytesOf, type ImportedEvent } from './imported-event.ts';
import { silentProgress, type ImportProgress } from './import-progress.ts';
import type { LifestreamClient } from './lifestream-client.ts';

export interface Skipped {
  where: string;
  reason: string;
}

export interface ImportReport {
  /** Events Lifestream acknowledged (a re-sent one counts again; its id keeps the store to one row). */
  sent: number;
  skipped: Skipped[];
  /** The cursor the run started from; undefined for a first run. */
  resumedFrom: Cursor | undefined;
  /** Whether it stopped at `limit` with more to import. */
  stoppedAtLimit: boolean;
}

export interface RunOptions {
  client: LifestreamClient;
  cursor: CursorFile;
  batchSize?: number;
  /**
   * Bytes of files (attachments) per request: a request is sent before an event's files would take
   * it past this, so it stays within the server's LIFESTREAM_MAX_BODY_BYTES (32 MiB by default). An
   * event with more files than this goes alone.
   */
  maxRequestFileBytes?: number;
  /** Stop at the first checkpoint once this many events are sent; the next run continues there. */
  limit?: number;
  progress?: ImportProgress;
}

export async function runImport(importer: Importer, options: RunOptions): Promise<ImportReport> {
  const { client, cursor, batchSize = 500, maxRequestFileBytes = 16 * 2 ** 20, limit, progress = silentProgress } = options;
  const resumedFrom = cursor.read();
  const report: ImportReport = { sent: 0, skipped: [], resumedFrom, stoppedAtLimit: false };
  let pending: ImportedEvent[] = [];
  let pendingFileBytes = 0;
  // The last checkpoint seen: everything before it is sent by the next flush, so it is saved then.
  let checkpoint: Cursor | undefined;
  const flush = async () => {
    const batch = pending;
    pending = [];
    pendingFileBytes = 0;
    const rejected = await client.ingest(batch);
    report.sent += batch.length - rejected.length;
    for (const { event, reason } of rejected) report.skipped.push({ where: `${event.kind} ${event.id} at ${event.time.toISOString()}`, reason: `refused by Lifestream: ${reason}` });
    if (checkpoint) cursor.write(checkpoint);
    checkpoint = undefined;
    progress.update(report.sent, report.skipped.length);
  };
  try {
    for await (const step of importer.steps(resumedFrom)) {
      if (step.type === 'event') {
        const fileBytes = fileBytesOf(step.event);
        if (fileBytes > 0 && pending.length > 0 && pendingFileBytes + fileBytes > maxRequestFileBytes) await flush();
        pending.push(step.event);
        pendingFileBytes += fileBytes;
        // Batches end at checkpoints, so that a saved cursor covers all that was sent; a source
        // that yields many events per checkpoint is still sent in bounded batches.
        if (pending.length >= batchSize * 4) await flush();
      } else if (step.type === 'skip') {
        report.skipped.push({ where: step.where, reason: step.reason });
        progress.update(report.sent + pending.length, report.skipped.length);
      } else if (step.type === 'total') {
        progress.setTotal(step.items);
      } else {
        checkpoint = step.cursor;
        if (limit !== undefined && report.sent + pending.length >= limit) {
          await flush();
          report.stoppedAtLimit = true;
          break;
        }
        if (pending.length >= batchSize) await flush();
      }
    }
    await flush();
  } finally {
    progress.stop();
  }
  return report;
}

/** The report as lines for a person: counts first, then each skip with its reason. */
export function reportLines(source: string, report: ImportReport): string[] {
  const lines = [
    `${source}: ${report.sent} events sent, ${report.skipped.length} skipped${report.resumedFrom ? ' (resumed from the last run)' : ''}${report.stoppedAtLimit ? '; stopped at --limit, run again to continue' : ''}`,
  ];
  for (const skip of report.skipped) lines.push(`  skipped ${skip.where}: ${skip.reason}`);
  return lines;
}
