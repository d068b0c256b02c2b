// Runs one importer: its events sent in batches, several requests in flight while the source is
// read on, its cursor saved once what came before it is acknowledged, what it skipped collected
// with where and why.
import { kindNamed } from '../../schema/catalogue.ts';
import type { Cursor, Importer } from './import-step.ts';
import type { CursorFile } from './cursor-file.ts';
import { fileBytesOf, type ImportedEvent } from './imported-event.ts';
import { silentProgress, type ImportProgress } from './import-progress.ts';
import type { LifestreamClient, RejectedImport } from './lifestream-client.ts';

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
  /**
   * Requests sent before the oldest is answered (1: one at a time). A cursor is saved only once every
   * request before it is answered, so a run stopped anywhere resumes without a gap.
   */
  inFlight?: number;
  progress?: ImportProgress;
}

/** A request sent and not yet settled into the report, with the checkpoint its answer completes. */
interface SentBatch {
  events: ImportedEvent[];
  answer: Promise<RejectedImport[]>;
  checkpoint: Cursor | undefined;
}

/**
 * Whether a batch holds an event of an updatable kind (a calendar entry): the later of two versions
 * of one must reach Lifestream later, which requests in flight side by side do not promise.
 */
const holdsUpdatable = (events: readonly ImportedEvent[]) => events.some((event) => kindNamed(event.kind)?.updatable === true);

export async function runImport(importer: Importer, options: RunOptions): Promise<ImportReport> {
  const { client, cursor, batchSize = 500, maxRequestFileBytes = 16 * 2 ** 20, limit, inFlight = 4, progress = silentProgress } = options;
  const resumedFrom = cursor.read();
  const report: ImportReport = { sent: 0, skipped: [], resumedFrom, stoppedAtLimit: false };
  let pending: ImportedEvent[] = [];
  let pendingFileBytes = 0;
  // Events handed to requests, answered or not: what --limit counts.
  let handedOver = 0;
  // The last checkpoint seen: everything before it is in the next batch or an earlier one, so it is saved once that batch is answered.
  let checkpoint: Cursor | undefined;
  // Oldest first: answers settle into the report, and cursors are saved, in the order sent.
  const sent: SentBatch[] = [];
  const settleOldest = async () => {
    const oldest = sent.shift()!;
    const rejected = await oldest.answer;
    report.sent += oldest.events.length - rejected.length;
    for (const { event, reason } of rejected) report.skipped.push({ where: `${event.kind} ${event.id} at ${event.time.toISOString()}`, reason: `refused by Lifestream: ${reason}` });
    if (oldest.checkpoint) cursor.write(oldest.checkpoint);
    progress.update(report.sent, report.skipped.length);
  };
  const flush = async () => {
    const batch = pending;
    pending = [];
    pendingFileBytes = 0;
    handedOver += batch.length;
    const inOrder = holdsUpdatable(batch);
    if (inOrder) while (sent.length > 0) await settleOldest();
    // An empty batch still carries its checkpoint, saved once all before it are answered.
    const answer = batch.length > 0 ? client.ingest(batch) : Promise.resolve([]);
    // Settled in order by settleOldest; a failure before then must not end the process unhandled.
    answer.catch(() => {});
    sent.push({ events: batch, answer, checkpoint });
    checkpoint = undefined;
    while (sent.length >= (inOrder ? 1 : inFlight)) await settleOldest();
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
        if (limit !== undefined && handedOver + pending.length >= limit) {
          await flush();
          report.stoppedAtLimit = true;
          break;
        }
        if (pending.length >= batchSize) await flush();
      }
    }
    await flush();
    while (sent.length > 0) await settleOldest();
  } catch (error) {
    // No request is left running when the run ends; the cursor stays where every batch before it was answered.
    await Promise.allSettled(sent.map(({ answer }) => answer));
    throw error;
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
