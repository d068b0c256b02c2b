// URL tasks end to end: links ingested as urlTask events are archived by the urls consumer from a
// local web site: PDFs (by type, by magic bytes, in a data: URL) as pdfExtract, an article page
// reached through a redirect as webArticle, a scanned page read by OCR, a tweet from X's embed data as tweetArchive with its
// photos in the blob store; each found by timeline(text:). What can never be archived (encrypted and
// corrupt PDFs, a slow response, an endless body, a redirect to a private address) is dead-lettered
// with its code, and an archived URL is fetched again only when the task asks.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DeliveredMessage } from '../db/bus/port.ts';
import { reportPdf, scannedLines } from './fixtures/pdfs.ts';
import { quotedTweetId, startUrlSite, tweetId, type UrlSite } from './fixtures/url-site.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface Blob {
  sha256: string;
  byteSize: number;
  mimeType: string;
}

interface Fetch {
  id: string;
  headline: string;
  sourceEventId: string;
  url: string;
  finalUrl: string | null;
  httpStatus: number | null;
  contentSha256: string;
}

interface PdfExtract extends Fetch {
  title: string | null;
  author: string | null;
  pageCount: number;
  text: string;
  pages: { page: number; text: string; ocr?: boolean }[];
  outline: { title: string; page?: number }[] | null;
  metadata: Record<string, string> | null;
  document: Blob | null;
  summary: string | null;
  pdfSummaryMethod: string | null;
}

interface WebArticle extends Fetch {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  language: string | null;
  mainImageUrl: string | null;
  publishedAt: string | null;
  text: string;
  snapshot: Blob;
  summary: string | null;
  articleSummaryMethod: string | null;
}

interface TweetArchive extends Fetch {
  tweetId: string;
  authorHandle: string;
  authorName: string | null;
  postedAt: string | null;
  text: string;
  media: { type: string; sourceUrl: string; blob?: Blob; widthPx?: number; heightPx?: number }[] | null;
  quotedTweet: { tweetId: string; authorHandle: string; text: string; media?: { blob?: Blob }[] } | null;
}

const fetchFields = 'id headline sourceEventId url finalUrl httpStatus contentSha256';
// Each kind's enum is a type of its own (PdfExtractSummaryMethod, WebArticleSummaryMethod): aliases keep them apart.
const resultsQuery = `query($d: [ID!], $text: String) {
  timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, kinds: [PDF_EXTRACT, WEB_ARTICLE, TWEET_ARCHIVE], text: $text) {
    edges { node { kind
      ... on PdfExtract { ${fetchFields} title author pageCount text pages outline metadata document { sha256 byteSize mimeType } summary pdfSummaryMethod: summaryMethod }
      ... on WebArticle { ${fetchFields} title byline siteName language mainImageUrl publishedAt text snapshot { sha256 byteSize mimeType } summary articleSummaryMethod: summaryMethod }
      ... on TweetArchive { ${fetchFields} tweetId authorHandle authorName postedAt text media quotedTweet }
    } }
  }
}`;

type Result = ({ kind: 'PDF_EXTRACT' } & PdfExtract) | ({ kind: 'WEB_ARTICLE' } & WebArticle) | ({ kind: 'TWEET_ARCHIVE' } & TweetArchive);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('URL tasks', () => {
  let h: Harness;
  let site: UrlSite;
  const deadLetters: DeliveredMessage[] = [];
  let second = 0;
  const nextTime = () => new Date(Date.UTC(2026, 5, 1, 9, 0, second++)).toISOString();

  before(async () => {
    site = await startUrlSite();
    h = await startHarness(testMode, {
      // The site runs on this machine: the tests allow its one address, nothing else private.
      LIFESTREAM_URL_ALLOW_ADDRESSES: '127.0.0.1',
      LIFESTREAM_URL_TIMEOUT_S: '2',
      LIFESTREAM_URL_MAX_BYTES: String(1024 * 1024),
      LIFESTREAM_TWEET_EMBED_URL: site.base,
      // webArticle's topic is new: topics of the test's own on Kafka.
      ...(testMode === 'server' ? { LIFESTREAM_NAMESPACE: `urls-${randomUUID().slice(0, 8)}` } : {}),
    });
    await h.startPersistence();
    await h.startConsumers('urls');
    await h.rawBus().subscribe({ groupId: `test-urls-dlq-${randomUUID()}`, topics: ['task.url.ingest.dlq'], eachBatch: async (batch) => void deadLetters.push(...batch.messages) });
  });
  after(async () => {
    await h?.close();
    await site?.close();
  });

  const ingestUrl = async (deviceId: string, url: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const result = await h.graphql<{ ingestUrlTask: { accepted: { id: string }[]; errors: { message: string }[] } }>(
      'mutation($e: [UrlTaskInput!]!) { ingestUrlTask(events: $e) { accepted { id } errors { message } } }',
      { e: [{ deviceId, time: nextTime(), url, source: 'MANUAL', ...extra }] },
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data!.ingestUrlTask.errors, []);
    return result.data!.ingestUrlTask.accepted[0]!.id;
  };

  const results = async (device: string, text?: string) => {
    const answer = await h.graphql<{ timeline: { edges: { node: Result }[] } }>(resultsQuery, { d: [device], text });
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return answer.data!.timeline.edges.map((edge) => edge.node);
  };
  const resultOf = (device: string, text?: string, count = 1) => eventually(async () => {
    const found = await results(device, text);
    return found.length >= count ? found : undefined;
  }, `${count} archived result(s) of ${device}${text ? ` containing "${text}"` : ''}`);

  const blob = async (sha: string) => {
    const response = await fetch(`${h.url.replace(/\/graphql$/, '')}/blobs/${sha}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    assert.equal(response.status, 200);
    return new Uint8Array(await response.arrayBuffer());
  };

  it('archives a PDF: text per page, title, author, outline, metadata, the PDF itself and an extractive summary, found by a word of page 2', async () => {
    const device = uniqueDevice('laptop');
    const taskId = await ingestUrl(device, `${site.base}/report.pdf`);
    const [pdf] = await resultOf(device, 'upper meadow');
    assert.equal(pdf?.kind, 'PDF_EXTRACT');
    if (pdf?.kind !== 'PDF_EXTRACT') return;
    const bytes = await reportPdf();
    assert.equal(pdf.sourceEventId, taskId);
    assert.deepEqual([pdf.url, pdf.finalUrl, pdf.httpStatus], [`${site.base}/report.pdf`, `${site.base}/report.pdf`, 200]);
    assert.equal(pdf.title, 'Estuary wildlife survey');
    assert.equal(pdf.headline, 'Estuary wildlife survey');
    assert.equal(pdf.author, 'Ada Lovelace');
    assert.equal(pdf.pageCount, 3);
    assert.deepEqual(pdf.pages.map((p) => p.page), [1, 2, 3]);
    assert.match(pdf.pages[1]!.text, /^Beaver dams changed/);
    assert.deepEqual(pdf.outline, [{ title: 'Otters', page: 1 }, { title: 'Beavers', page: 2 }, { title: 'Recommendations', page: 3 }]);
    assert.equal(pdf.metadata?.Producer, 'PDFKit');
    assert.equal(pdf.pdfSummaryMethod, 'EXTRACTIVE');
    assert.match(pdf.summary ?? '', /otters/i);
    // The PDF is kept as fetched; a PDF generated again differs only in its creation date, so compare with the hash recorded.
    assert.equal(pdf.document?.mimeType, 'application/pdf');
    const kept = await blob(pdf.document!.sha256);
    assert.equal(sha256(kept), pdf.contentSha256);
    assert.equal(kept.byteLength, bytes.byteLength);
  });

  it('knows a PDF by its magic bytes when served as octet-stream, and reads one carried in a data: URL', async () => {
    const device = uniqueDevice('phone');
    await ingestUrl(device, `${site.base}/download?id=7`);
    const bytes = await reportPdf();
    await ingestUrl(device, `data:application/pdf;base64,${bytes.toString('base64')}`);
    const found = await resultOf(device, 'otter crossings', 2);
    const byUrl = new Map(found.map((r) => [r.url, r]));
    assert.equal(byUrl.get(`${site.base}/download?id=7`)?.kind, 'PDF_EXTRACT');
    const fromData = byUrl.get('data:application/pdf;base64,');
    assert.equal(fromData?.kind, 'PDF_EXTRACT');
    assert.deepEqual([fromData?.httpStatus, fromData?.finalUrl, fromData?.contentSha256], [null, null, sha256(bytes)]);
  });

  it("reads a scanned page, which has no text layer, with the image pipeline's OCR", async () => {
    const device = uniqueDevice('scanner');
    await ingestUrl(device, `${site.base}/scan.pdf`);
    // The OCR's models load on the first scanned page, on 2 shared cores: give it minutes.
    const [scan] = await eventually(async () => {
      const found = await results(device, 'seventeen cubs');
      return found.length > 0 ? found : undefined;
    }, 'the scanned PDF read by OCR', 1_800);
    assert.equal(scan?.kind, 'PDF_EXTRACT');
    if (scan?.kind !== 'PDF_EXTRACT') return;
    assert.equal(scan.pages.length, 1);
    assert.equal(scan.pages[0]!.ocr, true);
    assert.deepEqual(scan.pages[0]!.text.split('\n'), scannedLines);
  });

  it('archives the readable article of a page reached by a redirect, without the boilerplate around it, and keeps its HTML', async () => {
    const device = uniqueDevice('laptop');
    const taskId = await ingestUrl(device, `${site.base}/old-link`);
    const [article] = await resultOf(device, 'sluice gate');
    assert.equal(article?.kind, 'WEB_ARTICLE');
    if (article?.kind !== 'WEB_ARTICLE') return;
    assert.equal(article.sourceEventId, taskId);
    assert.deepEqual([article.url, article.finalUrl, article.httpStatus], [`${site.base}/old-link`, `${site.base}/articles/otters.html`, 200]);
    assert.match(article.title ?? '', /^Otters return to the estuary/);
    assert.match(article.byline ?? '', /Grace Hopper/);
    assert.equal(article.siteName, 'Riverside Chronicle');
    assert.equal(article.language, 'en-GB');
    assert.equal(article.mainImageUrl, `${site.base}/images/otter.jpg`);
    assert.equal(article.publishedAt, '2026-05-30T08:00:00.000Z');
    assert.match(article.text, /family of Eurasian otters/);
    for (const boilerplate of ['Subscribe now', 'Most read', 'All rights reserved', 'newsletter', 'tracking']) assert.doesNotMatch(article.text, new RegExp(boilerplate));
    assert.equal(article.articleSummaryMethod, 'EXTRACTIVE');
    const snapshot = await blob(article.snapshot.sha256);
    assert.equal(sha256(snapshot), article.contentSha256);
    assert.match(Buffer.from(snapshot).toString('utf8'), /<nav>/);
  });

  it("archives a tweet from X's embed data, with its photo and the quoted tweet's in the blob store", async () => {
    const device = uniqueDevice('phone');
    const taskId = await ingestUrl(device, `https://x.com/riverwatch/status/${tweetId}?s=20`);
    const [tweet] = await resultOf(device, 'otter cubs');
    assert.equal(tweet?.kind, 'TWEET_ARCHIVE');
    if (tweet?.kind !== 'TWEET_ARCHIVE') return;
    assert.equal(tweet.sourceEventId, taskId);
    assert.deepEqual([tweet.tweetId, tweet.authorHandle, tweet.authorName, tweet.postedAt], [tweetId, 'riverwatch', 'River Watch', '2023-06-01T13:45:12.000Z']);
    assert.equal(tweet.httpStatus, 200);
    assert.match(tweet.finalUrl ?? '', new RegExp(`^${site.base}/tweet-result\\?id=${tweetId}`));
    assert.equal(tweet.media?.length, 1);
    const photo = tweet.media![0]!;
    assert.deepEqual([photo.type, photo.sourceUrl, photo.widthPx, photo.heightPx, photo.blob?.mimeType], ['photo', `${site.base}/media/estuary.jpg`, 64, 48, 'image/jpeg']);
    assert.equal(sha256(await blob(photo.blob!.sha256)), photo.blob!.sha256);
    assert.deepEqual([tweet.quotedTweet?.tweetId, tweet.quotedTweet?.authorHandle, tweet.quotedTweet?.text], [quotedTweetId, 'wildlifetrust', 'Survey volunteers wanted for the estuary']);
    assert.ok(tweet.quotedTweet?.media?.[0]?.blob, JSON.stringify(tweet.quotedTweet));
    // The same tweet under twitter.com is the same tweet, archived already: its embed data is not asked for again.
    const embedRequests = site.requests.get('/tweet-result');
    await ingestUrl(device, `https://twitter.com/riverwatch/status/${tweetId}`);
    await ingestUrl(device, `${site.base}/report.pdf?after=tweet`);
    await resultOf(device, 'beavers');
    assert.equal(site.requests.get('/tweet-result'), embedRequests);
    assert.equal((await results(device)).filter((r) => r.kind === 'TWEET_ARCHIVE').length, 1);
  });

  it('dead-letters what can never be archived, each with its code', async () => {
    const device = uniqueDevice('laptop');
    const cases = {
      PDF_ENCRYPTED: `${site.base}/secret.pdf`,
      PDF_CORRUPT: `${site.base}/broken.pdf`,
      TIMEOUT: `${site.base}/slow`,
      TOO_LARGE: `${site.base}/endless`,
      BLOCKED_ADDRESS: `${site.base}/to-private`,
      HTTP_STATUS: `${site.base}/missing`,
      UNSUPPORTED_TYPE: 'data:text/plain;base64,aGVsbG8=',
    };
    const ids = new Map<string, string>();
    for (const [code, url] of Object.entries(cases)) ids.set(code, await ingestUrl(device, url));
    const errorOf = (id: string) => deadLetters.find((letter) => (JSON.parse(letter.value ?? '{}') as { id?: string }).id === id)?.headers['lifestream-error'];
    for (const [code, id] of ids) {
      const error = await eventually(async () => errorOf(id), `the dead letter of ${code}`);
      assert.match(error, new RegExp(`^url task ${id}: ${code}: `), error);
    }
    assert.match(errorOf(ids.get('BLOCKED_ADDRESS')!) ?? '', /10\.0\.0\.1 is a private address/);
    assert.match(errorOf(ids.get('PDF_ENCRYPTED')!) ?? '', /encrypted with a password/);
    assert.deepEqual(await results(device), []);
  });

  it('does not fetch an archived URL again, unless the task asks with refetch', async () => {
    const device = uniqueDevice('tablet');
    const url = `${site.base}/report.pdf?copy=refetch`;
    await ingestUrl(device, url);
    await resultOf(device, 'beavers');
    const fetchesBefore = site.requests.get('/report.pdf') ?? 0;
    await ingestUrl(device, url);
    await ingestUrl(device, url, { refetch: true });
    // Tasks are handled in order: the refetched result arriving means the one before was handled too.
    const found = await resultOf(device, 'beavers', 2);
    assert.equal(found.length, 2);
    assert.equal(site.requests.get('/report.pdf'), fetchesBefore + 1);
  });
});
