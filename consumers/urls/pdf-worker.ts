// The thread PDFs are read in (started by pdf-reader.ts): pdf.js, and the rendering of scanned pages,
// run here; each rendered page goes back over the job's port to the OCR of the asking thread.
import type { MessagePort } from 'node:worker_threads';
import { serveJobs } from '../images/worker-pool.ts';
import { readPdf, type PageOcr, type PdfContent } from './pdf-document.ts';

export interface PdfJob {
  bytes: Uint8Array;
  maxPages: number;
  /** Names the PDF in errors: "url task 42". */
  label: string;
  /** Present when scanned pages are read: where their PNGs are sent, and how many at most. */
  ocr?: { port: MessagePort; maxPages: number };
}

/** A scanned page, rendered, for the asking thread's OCR. */
export interface OcrRequest {
  png: Uint8Array;
}

/** The page's text, or why the OCR failed (the PDF then fails as it did when the OCR ran here). */
export type OcrReply = { text: string } | { error: string };

/** An OCR in the asking thread: one page at a time, as readPdf asks for them. */
function ocrOver(port: MessagePort): PageOcr {
  return (png) =>
    new Promise((resolve, reject) => {
      // The reply is the structured clone of the OcrReply pdf-reader.ts posted.
      port.once('message', (reply: OcrReply) => ('text' in reply ? resolve(reply.text) : reject(new Error(reply.error))));
      const copy = new Uint8Array(png);
      const request: OcrRequest = { png: copy };
      port.postMessage(request, [copy.buffer]);
    });
}

serveJobs(async (job: PdfJob): Promise<PdfContent> => {
  try {
    return await readPdf(job.bytes, job.maxPages, job.label, job.ocr && { read: ocrOver(job.ocr.port), maxPages: job.ocr.maxPages });
  } finally {
    job.ocr?.port.close();
  }
});
