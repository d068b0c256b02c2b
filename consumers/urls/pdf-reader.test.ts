// The PDF reader with PDFs made by PDFKit: pdf.js runs in a worker thread, never on this thread's
// event loop; the contents, the rejections and their codes, and the OCR of scanned pages (asked of
// this thread) come back as readPdf gives them; the worker ends when idle and when closed.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { threadId, type Worker } from 'node:worker_threads';
import { eventually } from '../../test/harness.ts';
import { corruptPdf, encryptedPdf, makePdf, reportPdf, scannedPdf } from '../../test/fixtures/pdfs.ts';
import { openPdfReader, type PdfReader, type PdfReaderOptions } from './pdf-reader.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

const readers: PdfReader[] = [];

function reader(options: Partial<PdfReaderOptions> = {}): PdfReader {
  const opened = openPdfReader({ maxPages: 100, ...options });
  readers.push(opened);
  return opened;
}

async function rejection(promise: Promise<unknown>): Promise<UrlTaskRejected> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UrlTaskRejected, `expected a UrlTaskRejected, got ${String(error)}`);
    return error;
  }
  assert.fail('the PDF was read');
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('pdf reader', () => {
  after(() => Promise.all(readers.map((opened) => opened.close())));

  it('reads a long PDF in a worker thread: pdf.js never loads on this thread', async () => {
    const started: Worker[] = [];
    const onWorker = (worker: Worker) => started.push(worker);
    process.on('worker', onWorker);
    try {
      const pages = Array.from({ length: 200 }, (_, i) => `Page ${i + 1}. The otters crossed the estuary at dawn. `.repeat(20));
      const pdf = await reader({ maxPages: 1000 }).read(await makePdf({ title: 'Long survey', pages }), 'long survey');
      assert.equal(pdf.pageCount, 200);
      assert.match(pdf.pages[199]!.text, /^Page 200\. The otters/);
      assert.equal(started.length, 1);
      assert.notEqual(started[0]!.threadId, threadId);
      // pdf.js sets these globals in the thread that loads it, its parser (its "fake worker") included.
      assert.equal('pdfjsLib' in globalThis, false);
      assert.equal('pdfjsWorker' in globalThis, false);
    } finally {
      process.off('worker', onWorker);
    }
  });

  it('gives the text per page, title, author, metadata and outline', async () => {
    const pdf = await reader().read(await reportPdf(), 'report');
    assert.equal(pdf.pageCount, 3);
    assert.equal(pdf.title, 'Estuary wildlife survey');
    assert.equal(pdf.author, 'Ada Lovelace');
    assert.equal(pdf.metadata.Producer, 'PDFKit');
    assert.match(pdf.pages[1]!.text, /^Beaver dams changed/);
    assert.deepEqual(pdf.outline, [{ title: 'Otters', page: 1 }, { title: 'Beavers', page: 2 }, { title: 'Recommendations', page: 3 }]);
  });

  it('rejects encrypted, corrupt and too long PDFs with their codes, and reads the next PDF', async () => {
    const pdfs = reader({ maxPages: 2 });
    const encrypted = await rejection(pdfs.read(await encryptedPdf(), 'url task 1'));
    assert.equal(encrypted.code, 'PDF_ENCRYPTED');
    assert.match(encrypted.message, /^url task 1: the PDF is encrypted with a password/);
    assert.equal((await rejection(pdfs.read(corruptPdf(), 'url task 2'))).code, 'PDF_CORRUPT');
    const long = await rejection(pdfs.read(await reportPdf(), 'url task 3'));
    assert.equal(long.code, 'TOO_MANY_PAGES');
    assert.equal(long.message, 'url task 3: 3 pages, more than 2 (LIFESTREAM_PDF_MAX_PAGES)');
    const short = await pdfs.read(await makePdf({ title: 'Short', pages: ['One page.'] }), 'url task 4');
    assert.equal(short.pages[0]!.text, 'One page.');
  });

  it('sends a scanned page, rendered as PNG, to the OCR on this thread and keeps its text', async () => {
    const asked: Buffer[] = [];
    const ocr = { maxPages: 5, timeoutMs: 60_000, read: async (png: Buffer) => (asked.push(png), ' Seventeen cubs counted \n') };
    const pdf = await reader({ ocr }).read(await scannedPdf(), 'scan');
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]!.subarray(0, 4), pngSignature);
    assert.deepEqual(pdf.pages, [{ page: 1, text: 'Seventeen cubs counted', ocr: true }]);
  });

  it('fails a scanned PDF whose OCR fails with a plain error naming the page, to be retried, not as a damaged PDF', async () => {
    const ocr = { maxPages: 5, timeoutMs: 60_000, read: () => Promise.reject(new Error('the image analysis worker failed: no models')) };
    const failed = await reader({ ocr }).read(await scannedPdf(), 'url task 5').then(
      () => assert.fail('the read succeeded'),
      (error: unknown) => error,
    );
    assert.ok(failed instanceof Error);
    assert.ok(!(failed instanceof UrlTaskRejected), `rejected as ${failed.name}`);
    assert.equal(failed.message, 'url task 5: the OCR of scanned page 1 failed (the image analysis worker failed: no models)');
  });

  it('ends its worker when idle and when closed, starting one again for the next PDF', async () => {
    const pdfs = openPdfReader({ maxPages: 100, idleMs: 200 });
    assert.equal(pdfs.liveWorkers, 0);
    await pdfs.read(await reportPdf(), 'report');
    await eventually(async () => (pdfs.liveWorkers === 0 ? true : undefined), 'the idle PDF worker to end');
    await pdfs.read(await reportPdf(), 'report');
    assert.equal(pdfs.liveWorkers, 1);
    await pdfs.close();
    assert.equal(pdfs.liveWorkers, 0);
    await assert.rejects(pdfs.read(await reportPdf(), 'report'), /the PDF reader is closed/);
  });
});
