// Reads PDFs (pdf-document.ts) in a worker thread, so that pdf.js never holds the event loop that
// serves ingest. Scanned pages come back to this thread as PNGs, one at a time, for the OCR given
// (the image pipeline's, itself in a worker); rejections keep their class and code across threads.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { openWorkerPool, type WorkerPool } from '../images/worker-pool.ts';
import type { PageOcrOptions, PdfContent } from './pdf-document.ts';
import type { OcrReply, OcrRequest, PdfJob } from './pdf-worker.ts';
import { reviveUrlRejection } from './url-task-rejected.ts';

export interface PdfReaderOptions {
  /** Pages of a PDF at most; a longer one is rejected with TOO_MANY_PAGES. */
  maxPages: number;
  /** Reads scanned pages, each within timeoutMs (the OCR's own limit); absent: they stay without text. */
  ocr?: PageOcrOptions & { timeoutMs: number };
  /** The worker thread ends after this long without a PDF (pdf.js and its fonts leave with it). */
  idleMs?: number;
  /** A PDF taking longer than this to read, its OCR excluded, fails (and is retried), and its worker is replaced. */
  readTimeoutMs?: number;
}

export interface PdfReader {
  /**
   * The PDF's contents; label names it in errors. Rejects with UrlTaskRejected (PDF_ENCRYPTED,
   * PDF_CORRUPT, TOO_MANY_PAGES) for a PDF that can never be read, and with another Error when the
   * worker failed (it died, it took too long), which may pass on a retry.
   */
  read(bytes: Uint8Array, label: string): Promise<PdfContent>;
  /** Worker threads now started. */
  readonly liveWorkers: number;
  close(): Promise<void>;
}

/** Answers the worker's OCR requests for one PDF on `port`, one page at a time. */
function serveOcr(port: MessagePort, ocr: PageOcrOptions): void {
  // The request is the structured clone of the OcrRequest pdf-worker.ts posted.
  port.on('message', (request: OcrRequest) => {
    const answer = (reply: OcrReply) => port.postMessage(reply);
    ocr.read(Buffer.from(request.png.buffer, request.png.byteOffset, request.png.byteLength)).then(
      (text) => answer({ text }),
      (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

export function openPdfReader({ maxPages, ocr, idleMs = 60_000, readTimeoutMs = 10 * 60_000 }: PdfReaderOptions): PdfReader {
  let pool: WorkerPool<PdfJob, PdfContent> | undefined;
  let closed = false;
  const openPool = () =>
    openWorkerPool<PdfJob, PdfContent>({
      entry: new URL('./pdf-worker.ts', import.meta.url),
      workerData: null,
      size: 1,
      idleMs,
      // The job waits on the OCR of its scanned pages too.
      jobTimeoutMs: readTimeoutMs + (ocr ? ocr.maxPages * ocr.timeoutMs : 0),
      work: 'PDF reading',
      reviveError: reviveUrlRejection,
    });
  return {
    async read(bytes, label) {
      if (closed) throw new Error('the PDF reader is closed');
      pool ??= openPool();
      // A copy of exactly these bytes moves to the worker (a Buffer may be a view of a larger one).
      const copy = new Uint8Array(bytes);
      if (!ocr) return pool.run({ bytes: copy, maxPages, label }, [copy.buffer]);
      const { port1: here, port2: there } = new MessageChannel();
      serveOcr(here, ocr);
      try {
        return await pool.run({ bytes: copy, maxPages, label, ocr: { port: there, maxPages: ocr.maxPages } }, [copy.buffer, there]);
      } finally {
        here.close();
      }
    },
    get liveWorkers() {
      return pool?.liveWorkers ?? 0;
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
