// `npm run bench:urls`: how fast the URL consumer reads what it archives, beside the libraries alone
// in the same run: PDFs and pages a second through readPdf (pdf.js plus metadata and outline)
// against pdf.js's text extraction alone, and articles a second through readArticle (Readability
// on linkedom). In process, no fetching: the fetch is bounded by the network, not by this code.
import { Command } from 'commander';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdf } from '../consumers/urls/pdf-document.ts';
import { readArticle } from '../consumers/urls/web-article.ts';
import { makePdf } from '../test/fixtures/pdfs.ts';
import { articleHtml } from '../test/fixtures/url-site.ts';
import { machineLine, positiveInteger } from './measure.ts';

interface Options {
  pdfs: number;
  pages: number;
  articles: number;
}

const options = new Command('bench:urls')
  .description('Measures PDF text extraction and readable-article extraction of the URL consumer.')
  .option('--pdfs <n>', 'PDFs to read', positiveInteger, 40)
  .option('--pages <n>', 'pages per PDF', positiveInteger, 10)
  .option('--articles <n>', 'articles to read', positiveInteger, 200)
  .parse()
  .opts<Options>();

const paragraph = 'The estuary survey counted otters, beavers and herons along the reed beds at dawn and dusk. ';
const pdf = await makePdf({ title: 'Benchmark', pages: Array.from({ length: options.pages }, (_, i) => `Page ${i + 1}. ${paragraph.repeat(12)}`), outline: Array.from({ length: options.pages }, (_, i) => `Section ${i + 1}`) });

async function pdfjsAlone(bytes: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  let chars = 0;
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) chars += item.str.length;
  }
  await doc.destroy();
  return chars;
}

async function timed(label: string, count: number, unitsEach: number, unit: string, run: () => Promise<unknown>) {
  await run(); // warm-up: module and font loading
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(36)} ${(count / seconds).toFixed(1).padStart(8)} /s   ${((count * unitsEach) / seconds).toFixed(1).padStart(8)} ${unit}/s`);
}

console.log(machineLine());
console.log(`${options.pdfs} PDFs of ${options.pages} pages (${pdf.byteLength} bytes each), ${options.articles} articles (${articleHtml.length} characters each)`);
await timed('pdf.js text alone (PDFs, pages)', options.pdfs, options.pages, 'pages', () => pdfjsAlone(pdf));
await timed('readPdf (PDFs, pages)', options.pdfs, options.pages, 'pages', () => readPdf(pdf, 10_000, 'bench'));
await timed('readArticle (articles)', options.articles, articleHtml.length / 1000, 'k chars', async () => readArticle(articleHtml, 'https://news.example/otters'));
