// The URL consumer: URL tasks in (task.url.ingest), their content out, archived: a tweet from its
// embed data with its media in the blob store (task.url.processed.twitter_archived), a PDF's text
// per page (task.url.processed.pdf_extracted), a web page's readable article with a snapshot of
// its HTML (task.url.processed.article_extracted). Each result names its task, its fetch's HTTP
// status, final URL and content hash, and a summary. A URL archived before is not fetched again
// unless the task asks (refetch). What can never be archived is dead-lettered with its code.
import { createHash } from 'node:crypto';
import type { BlobStore } from '../../db/blob-store.ts';
import type { Store } from '../../db/store.ts';
import { tableName } from '../../db/tables.ts';
import type { Config } from '../../schema/config.ts';
import type { Event, NewEvent } from '../../schema/event.ts';
import { urlTask } from '../../schema/kinds/digital.ts';
import { pdfExtract, tweetArchive, webArticle } from '../../schema/kinds/processed.ts';
import { defineConsumer, type ConsumerContext, type ConsumerHandlers, type Rejection } from '../consumer.ts';
import { allowListOf, guardedLookup } from './address-guard.ts';
import { guardedFetch, type AcceptedTypes, type Fetched } from './guarded-fetch.ts';
import { defaultImageAnalyzerOptions, openImageAnalyzer, type ImageAnalyzer } from '../images/image-analyzer.ts';
import type { PdfContent, PdfPage } from './pdf-document.ts';
import { openPdfReader } from './pdf-reader.ts';
import { summarise, type Summary, type SummaryEndpoint } from './summary.ts';
import { embedDataUrl, mediaDownloadUrl, parseEmbedTweet, type EmbedMedia, type EmbedTweet } from './tweet-embed.ts';
import { htmlTypes, isHtml, isPdf, pdfTypes, targetOf } from './url-target.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';
import { decodeHtml, readArticle, type WebArticleContent } from './web-article.ts';

type Results = typeof pdfExtract | typeof tweetArchive | typeof webArticle;
type UrlTaskEvent = Event<typeof urlTask>;

export interface UrlProcessing {
  /** Fetches within the configured limits and address rules. */
  fetch(url: string, accepted: AcceptedTypes): Promise<Fetched>;
  /** Whether a result for this URL (or tweet) is archived already. */
  isArchived(query: { url: string } | { tweetId: string }): Promise<boolean>;
  blobs: BlobStore;
  summaryEndpoint?: SummaryEndpoint;
  tweetEmbedUrl: string;
  /** Reads a PDF off this thread (within LIFESTREAM_PDF_MAX_PAGES, scanned pages by OCR); label names it in errors. */
  readPdf(bytes: Uint8Array, label: string): Promise<PdfContent>;
  /** Frees what the processing opened (the PDF reader's and the OCR's worker threads). */
  close(): Promise<void>;
}

const maxTextChars = 4 * 1024 * 1024;
// The pages' JSON holds the same text plus escapes and keys (pdfExtract.pages takes 4 MiB + 64 KiB).
const maxPagesTextChars = maxTextChars - 256 * 1024;

/** The pages as kept: their text cut where the whole passes the budget, later pages kept empty. */
export function pagesWithin(pages: readonly PdfPage[], budget: number): PdfPage[] {
  let left = budget;
  return pages.map((page) => {
    const text = page.text.slice(0, Math.max(left, 0));
    left -= text.length;
    return { ...page, text };
  });
}


const mediaTypes = ['image/*', 'video/mp4'];

/** Where each kind of result keeps its URL: the tables of the kinds it emits. */
function archivedLookup(store: Store): UrlProcessing['isArchived'] {
  const byUrl = [pdfExtract, webArticle, tweetArchive].map((kind) => `SELECT 1 FROM ${tableName(kind)} WHERE url = $1`).join(' UNION ALL ');
  return async (query) => {
    const rows = 'tweetId' in query
      ? await store.query(`SELECT 1 FROM ${tableName(tweetArchive)} WHERE tweet_id = $1 LIMIT 1`, [query.tweetId])
      : await store.query(`${byUrl} LIMIT 1`, [query.url]);
    return rows.length > 0;
  };
}

/** The image pipeline's OCR, its worker thread opened on the first scanned page. */
function imageEngineOcr(idleMs: number): { read: (png: Buffer) => Promise<string>; close(): Promise<void> } {
  let analyzer: ImageAnalyzer | undefined;
  return {
    async read(png) {
      analyzer ??= openImageAnalyzer({ workers: 1, idleMs });
      const analysis = await analyzer.analyze(png, 'image/png', { text: true, objects: false, faces: false });
      return analysis.text?.text ?? '';
    },
    close: async () => analyzer?.close(),
  };
}

export function urlProcessingOf(config: Config, store: Store, blobs: BlobStore): UrlProcessing {
  const idleMs = config.LIFESTREAM_MODEL_IDLE_S * 1000;
  const ocr = config.LIFESTREAM_PDF_OCR_MAX_PAGES > 0 ? imageEngineOcr(idleMs) : undefined;
  const pdfReader = openPdfReader({
    maxPages: config.LIFESTREAM_PDF_MAX_PAGES,
    idleMs,
    ...(ocr ? { ocr: { read: ocr.read, maxPages: config.LIFESTREAM_PDF_OCR_MAX_PAGES, timeoutMs: defaultImageAnalyzerOptions.timeoutMs } } : {}),
  });
  const allow = allowListOf(config.LIFESTREAM_URL_ALLOW_ADDRESSES);
  const guard = { allow, lookup: guardedLookup(allow) };
  const limits = { timeoutMs: config.LIFESTREAM_URL_TIMEOUT_S * 1000, maxRedirects: config.LIFESTREAM_URL_MAX_REDIRECTS, maxBytes: config.LIFESTREAM_URL_MAX_BYTES };
  return {
    fetch: (url, accepted) => guardedFetch(url, accepted, limits, guard),
    isArchived: archivedLookup(store),
    blobs,
    ...(config.LIFESTREAM_SUMMARY_URL
      ? { summaryEndpoint: { baseUrl: config.LIFESTREAM_SUMMARY_URL, model: config.LIFESTREAM_SUMMARY_MODEL, timeoutMs: 120_000, ...(config.LIFESTREAM_SUMMARY_API_KEY ? { apiKey: config.LIFESTREAM_SUMMARY_API_KEY } : {}) } }
      : {}),
    tweetEmbedUrl: config.LIFESTREAM_TWEET_EMBED_URL,
    readPdf: (bytes, label) => pdfReader.read(bytes, label),
    close: async () => {
      await Promise.all([pdfReader.close(), ocr?.close()]);
    },
  };
}

export const urls = defineConsumer({
  name: 'urls',
  deployment: {
    cpuRequest: '250m',
    memoryRequest: '256Mi',
    memoryLimit: '1Gi',
    note: 'Holds one fetched body (LIFESTREAM_URL_MAX_BYTES) and one PDF being read at a time.',
  },
  reads: [urlTask],
  emits: [pdfExtract, tweetArchive, webArticle],
  start: ({ config, store, blobs }) => urlTaskHandlers(urlProcessingOf(config, store, blobs)),
});

/** How the content was fetched, as every result records it; data: URLs were not fetched. */
type FetchRecord = Pick<NewEvent<typeof webArticle>['payload'], 'sourceEventId' | 'url' | 'finalUrl' | 'httpStatus' | 'contentSha256'>;

function fetchRecord(task: UrlTaskEvent, fetched: Fetched | { sha256: string }): FetchRecord {
  const { url } = task.payload;
  // A data: URL carries the whole document; the result names it by its media type only.
  const shownUrl = url.startsWith('data:') ? `${url.slice(0, url.indexOf(',') + 1)}` : url;
  return {
    sourceEventId: task.id,
    url: shownUrl,
    contentSha256: fetched.sha256,
    ...('httpStatus' in fetched ? { finalUrl: fetched.finalUrl, httpStatus: fetched.httpStatus } : {}),
  };
}

const summaryFields = (summary: Summary | undefined) => summary ?? {};

async function pdfResult(task: UrlTaskEvent, bytes: Buffer, fetched: Fetched | { sha256: string }, processing: UrlProcessing): Promise<NewEvent<typeof pdfExtract>> {
  const pdf = await processing.readPdf(bytes, `url task ${task.id}`);
  const text = pdf.pages.map((p) => p.text).join('\n\n').slice(0, maxTextChars);
  const sha256 = await processing.blobs.put(bytes);
  const summary = await summarise(text, processing.summaryEndpoint);
  return {
    deviceId: task.deviceId,
    time: task.time,
    payload: {
      ...fetchRecord(task, fetched),
      ...(pdf.title ? { title: pdf.title.slice(0, 1024) } : {}),
      ...(pdf.author ? { author: pdf.author.slice(0, 1024) } : {}),
      pageCount: pdf.pageCount,
      text,
      pages: pagesWithin(pdf.pages, maxPagesTextChars),
      metadata: pdf.metadata,
      ...(pdf.outline.length > 0 ? { outline: pdf.outline } : {}),
      document: { sha256, byteSize: bytes.byteLength, mimeType: 'application/pdf' },
      ...summaryFields(summary),
    },
  };
}

/** The article within webArticle's lengths; a main image URL too long to keep is left out. */
function clamped(article: WebArticleContent) {
  const { title, byline, siteName, language, excerpt, mainImageUrl, publishedAt } = article;
  return {
    ...(title ? { title: title.slice(0, 1024) } : {}),
    ...(byline ? { byline: byline.slice(0, 1024) } : {}),
    ...(siteName ? { siteName: siteName.slice(0, 1024) } : {}),
    ...(language ? { language: language.slice(0, 35) } : {}),
    ...(excerpt ? { excerpt: excerpt.slice(0, 4096) } : {}),
    ...(mainImageUrl && mainImageUrl.length <= 8 * 1024 ? { mainImageUrl } : {}),
    ...(publishedAt ? { publishedAt } : {}),
  };
}

async function articleResult(task: UrlTaskEvent, fetched: Fetched, processing: UrlProcessing): Promise<NewEvent<typeof webArticle>> {
  const article = await readArticle(decodeHtml(fetched.bytes, fetched.charset), fetched.finalUrl);
  const text = article.text.slice(0, maxTextChars);
  const snapshot = await processing.blobs.put(fetched.bytes);
  const summary = await summarise(text, processing.summaryEndpoint);
  return {
    deviceId: task.deviceId,
    time: task.time,
    payload: {
      ...fetchRecord(task, fetched),
      ...clamped(article),
      text,
      snapshot: { sha256: snapshot, byteSize: fetched.bytes.byteLength, mimeType: 'text/html' },
      ...summaryFields(summary),
    },
  };
}

/** Downloads a tweet's media into the blob store; one that cannot be had is listed with the reason. */
async function archiveMedia(media: readonly EmbedMedia[], processing: UrlProcessing) {
  const archived = [];
  for (const item of media) {
    const size = item.original_info ? { widthPx: item.original_info.width, heightPx: item.original_info.height } : {};
    const sourceUrl = mediaDownloadUrl(item);
    try {
      const fetched = await processing.fetch(sourceUrl, mediaTypes);
      const sha256 = await processing.blobs.put(fetched.bytes);
      archived.push({ type: item.type, sourceUrl, blob: { sha256, byteSize: fetched.bytes.byteLength, mimeType: fetched.contentType }, ...size });
    } catch (error) {
      if (!(error instanceof UrlTaskRejected)) throw error;
      archived.push({ type: item.type, sourceUrl, ...size, notArchivedReason: `${error.code}: ${error.message}` });
    }
  }
  return archived;
}

const postedAt = (tweet: EmbedTweet) => (tweet.created_at && !Number.isNaN(Date.parse(tweet.created_at)) ? new Date(tweet.created_at) : undefined);

async function tweetResult(task: UrlTaskEvent, tweetId: string, processing: UrlProcessing): Promise<NewEvent<typeof tweetArchive>> {
  const fetched = await processing.fetch(embedDataUrl(processing.tweetEmbedUrl, tweetId), ['application/json']);
  const tweet = parseEmbedTweet(fetched.bytes.toString('utf8'), tweetId);
  const media = await archiveMedia(tweet.mediaDetails ?? [], processing);
  const quoted = tweet.quoted_tweet;
  const quotedMedia = quoted ? await archiveMedia(quoted.mediaDetails ?? [], processing) : [];
  const posted = postedAt(tweet);
  return {
    deviceId: task.deviceId,
    time: task.time,
    payload: {
      ...fetchRecord(task, fetched),
      tweetId: tweet.id_str,
      authorHandle: tweet.user.screen_name.slice(0, 64),
      ...(tweet.user.name ? { authorName: tweet.user.name.slice(0, 256) } : {}),
      ...(posted ? { postedAt: posted } : {}),
      ...(tweet.lang ? { language: tweet.lang.slice(0, 16) } : {}),
      text: tweet.text,
      ...(media.length > 0 ? { media } : {}),
      ...(quoted
        ? {
            quotedTweet: {
              tweetId: quoted.id_str,
              authorHandle: quoted.user.screen_name,
              ...(quoted.user.name ? { authorName: quoted.user.name } : {}),
              text: quoted.text,
              ...(quoted.created_at ? { postedAt: quoted.created_at } : {}),
              ...(quotedMedia.length > 0 ? { media: quotedMedia } : {}),
            },
          }
        : {}),
    },
  };
}

/** Archives one task: emits its result, or returns without one when it was archived before. */
async function archive(task: UrlTaskEvent, processing: UrlProcessing, context: ConsumerContext<Results>): Promise<void> {
  const target = targetOf(task.payload.url);
  const refetch = task.payload.refetch === true;
  if (target.type === 'tweet') {
    if (!refetch && (await processing.isArchived({ tweetId: target.tweetId }))) return;
    await context.emit(tweetArchive, [await tweetResult(task, target.tweetId, processing)]);
    return;
  }
  if (target.type === 'data') {
    if (!isPdf(target.mediaType, target.bytes)) {
      throw new UrlTaskRejected('UNSUPPORTED_TYPE', `url task ${task.id}: a data: URL of ${target.mediaType}; data: URLs are archived when they carry a PDF`);
    }
    const sha256 = createHash('sha256').update(target.bytes).digest('hex');
    await context.emit(pdfExtract, [await pdfResult(task, target.bytes, { sha256 }, processing)]);
    return;
  }
  if (!refetch && (await processing.isArchived({ url: target.url }))) return;
  const fetched = await processing.fetch(target.url, [...htmlTypes, ...pdfTypes, 'application/octet-stream']);
  if (isPdf(fetched.contentType, fetched.bytes)) {
    await context.emit(pdfExtract, [await pdfResult(task, fetched.bytes, fetched, processing)]);
  } else if (isHtml(fetched.contentType)) {
    await context.emit(webArticle, [await articleResult(task, fetched, processing)]);
  } else {
    throw new UrlTaskRejected('UNSUPPORTED_TYPE', `${target.url}: application/octet-stream that is not a PDF`);
  }
}

/**
 * Handlers over the fetching, the blob store and the archive lookup. A task that can never be
 * archived (UrlTaskRejected) is dead-lettered with its code; any other failure (a site down, a
 * 5xx) throws, and the runtime retries it.
 */
export function urlTaskHandlers(processing: UrlProcessing): ConsumerHandlers<typeof urlTask, Results> {
  return {
    async handle(tasks, context) {
      const rejected: Rejection<typeof urlTask>[] = [];
      // One task at a time: each fetch may take up to LIFESTREAM_URL_TIMEOUT_S and hold a body in memory.
      for (const task of tasks) {
        try {
          await archive(task, processing, context);
        } catch (error) {
          if (!(error instanceof UrlTaskRejected)) throw error;
          rejected.push({ event: task, error: `url task ${task.id}: ${error.code}: ${error.message}` });
        }
      }
      return { rejected };
    },
    close: () => processing.close(),
  };
}
