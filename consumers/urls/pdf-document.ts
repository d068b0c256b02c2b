// The contents of a PDF with Mozilla's pdf.js (pdfjs-dist): the text of each page, title, author,
// the info dictionary, the page count and the outline. A page without a text layer (a scan) is
// rendered and read by the OCR given. Encrypted, corrupt and too long PDFs are rejected with their code.
// The URL consumer runs it in a worker thread (pdf-reader.ts), off the event loop that serves ingest.
import { createRequire } from 'node:module';
import { createCanvas } from '@napi-rs/canvas';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.d.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

export interface PdfPage {
  page: number;
  text: string;
  /** The text was read from the rendered page: it had none of its own. */
  ocr?: boolean;
}

/** Reads the text in a rendered page (PNG); the image pipeline's OCR in the URL consumer. */
export type PageOcr = (png: Buffer) => Promise<string>;

/**
 * The OCR of a scanned page failed: the PDF is not to blame (a busy or restarting analysis worker),
 * so the task is retried rather than rejected.
 */
export class PageOcrFailed extends Error {
  override readonly name = 'PageOcrFailed';
}

export interface PageOcrOptions {
  read: PageOcr;
  /** Pages of one PDF read by OCR at most; later scanned pages stay without text. */
  maxPages: number;
}

// About 144 dpi: PP-OCR reads body text well from there; the longer side is capped to bound memory.
const ocrScale = 2;
const ocrMaxSidePx = 4000;

export interface PdfOutlineEntry {
  title: string;
  page?: number;
  items?: PdfOutlineEntry[];
}

export interface PdfContent {
  pageCount: number;
  title?: string;
  author?: string;
  /** The info dictionary's string entries and the PDF version. */
  metadata: Record<string, string>;
  outline: PdfOutlineEntry[];
  pages: PdfPage[];
}

// Without the standard fonts pdf.js warns on every PDF that uses one (most do) and may misplace text.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** A page's text items joined as pdf.js lays them out: a line break where an item ends a line. */
function pageText(items: readonly (TextItem | TextMarkedContent)[]): string {
  let text = '';
  for (const item of items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

async function pageOfDestination(pdf: PDFDocumentProxy, dest: unknown): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    const ref: unknown = Array.isArray(explicit) ? explicit[0] : undefined;
    if (typeof ref === 'number') return ref + 1;
    if (ref && typeof ref === 'object' && 'num' in ref && 'gen' in ref && typeof ref.num === 'number' && typeof ref.gen === 'number') {
      return (await pdf.getPageIndex({ num: ref.num, gen: ref.gen })) + 1;
    }
  } catch {
    // A dangling destination leaves the entry without a page; the title is still worth keeping.
  }
  return undefined;
}

type RawOutline = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>;

async function outlineOf(pdf: PDFDocumentProxy, entries: RawOutline): Promise<PdfOutlineEntry[]> {
  const outline: PdfOutlineEntry[] = [];
  for (const entry of entries ?? []) {
    const page = await pageOfDestination(pdf, entry.dest);
    const items = await outlineOf(pdf, entry.items);
    outline.push({ title: entry.title, ...(page ? { page } : {}), ...(items.length > 0 ? { items } : {}) });
  }
  return outline;
}

function stringEntries(info: unknown): Record<string, string> {
  if (!info || typeof info !== 'object') return {};
  return Object.fromEntries(Object.entries(info).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** Opens the PDF or rejects it: encrypted (a password is needed) or corrupt (pdf.js cannot read it). */
async function open(bytes: Uint8Array, label: string): Promise<PDFDocumentProxy> {
  try {
    return await getDocument({ data: bytes, standardFontDataUrl, isEvalSupported: false, verbosity: 0 }).promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new UrlTaskRejected('PDF_ENCRYPTED', `${label}: the PDF is encrypted with a password; send it decrypted`);
    throw new UrlTaskRejected('PDF_CORRUPT', `${label}: not a readable PDF (${error instanceof Error ? error.message : String(error)})`);
  }
}

type PdfPageProxy = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;

async function renderPng(page: PdfPageProxy): Promise<Buffer> {
  const unscaled = page.getViewport({ scale: 1 });
  const scale = Math.min(ocrScale, ocrMaxSidePx / Math.max(unscaled.width, unscaled.height));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // @napi-rs/canvas implements what pdf.js draws with (it is pdf.js's own canvas on Node); the DOM
  // types it is declared with do not know it.
  await page.render({ canvas: null, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  return canvas.toBuffer('image/png');
}

async function readScannedPage(read: PageOcr, png: Buffer, label: string, page: number): Promise<string> {
  try {
    return await read(png);
  } catch (error) {
    throw new PageOcrFailed(`${label}: the OCR of scanned page ${page} failed (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Reads the PDF's pages (at most maxPages, else TOO_MANY_PAGES); label names it in errors. */
export async function readPdf(bytes: Uint8Array, maxPages: number, label: string, ocr?: PageOcrOptions): Promise<PdfContent> {
  // pdf.js takes the buffer over (detaches it): give it a copy.
  const pdf = await open(new Uint8Array(bytes), label);
  try {
    if (pdf.numPages > maxPages) throw new UrlTaskRejected('TOO_MANY_PAGES', `${label}: ${pdf.numPages} pages, more than ${maxPages} (LIFESTREAM_PDF_MAX_PAGES)`);
    const { info } = await pdf.getMetadata();
    const metadata = stringEntries(info);
    const pages: PdfPage[] = [];
    let ocrPages = 0;
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const text = pageText((await page.getTextContent()).items);
      if (text === '' && ocr && ocrPages < ocr.maxPages) {
        ocrPages += 1;
        pages.push({ page: number, text: (await readScannedPage(ocr.read, await renderPng(page), label, number)).trim(), ocr: true });
      } else {
        pages.push({ page: number, text });
      }
      page.cleanup();
    }
    const outline = await outlineOf(pdf, await pdf.getOutline());
    const title = metadata.Title?.trim();
    const author = metadata.Author?.trim();
    return { pageCount: pdf.numPages, ...(title ? { title } : {}), ...(author ? { author } : {}), metadata, outline, pages };
  } catch (error) {
    if (error instanceof UrlTaskRejected || error instanceof PageOcrFailed) throw error;
    throw new UrlTaskRejected('PDF_CORRUPT', `${label}: the PDF is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    await pdf.destroy();
  }
}
