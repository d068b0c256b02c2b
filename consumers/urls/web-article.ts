// The readable article of an HTML page with Mozilla's Readability (the reader view of Firefox) on a
// linkedom DOM: title, byline, site, language, excerpt, publication time, main image and text.
// linkedom is imported with the first page read (about 17 MB that a process reading no pages need not hold).
import { Readability } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';

export interface WebArticleContent {
  title?: string;
  byline?: string;
  siteName?: string;
  language?: string;
  excerpt?: string;
  mainImageUrl?: string;
  publishedAt?: Date;
  text: string;
}

/** Decodes the page by the charset its header or its meta tag names, UTF-8 otherwise. */
export function decodeHtml(bytes: Buffer, headerCharset?: string): string {
  const head = bytes.subarray(0, 2048).toString('latin1');
  const declared = headerCharset ?? /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const blockElements = 'p, div, section, article, header, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, tr, dt, dd, br, hr';

/** The article's text as paragraphs parted by a blank line: a block element ends a paragraph, whitespace inside one is folded. */
function readableText(parseHTML: typeof ParseHtml, contentHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${contentHtml}</body></html>`);
  for (const block of document.querySelectorAll(blockElements)) block.after(document.createTextNode('\n\n'));
  return (document.body?.textContent ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

const nonEmpty = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

function absoluteHttpUrl(value: string | undefined, base: string): string | undefined {
  if (!value || !URL.canParse(value, base)) return undefined;
  const url = new URL(value, base);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

function dateOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The readable article of html fetched from pageUrl (relative links resolved against it). */
export async function readArticle(html: string, pageUrl: string): Promise<WebArticleContent> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html);
  const meta = (selector: string) => nonEmpty(document.querySelector(selector)?.getAttribute('content'));
  const declaredImage = meta('meta[property="og:image"]') ?? meta('meta[name="twitter:image"]');
  const language = nonEmpty(document.documentElement?.getAttribute('lang'));
  const article = new Readability(document, { charThreshold: 200 }).parse();
  const articleImage = article?.content ? nonEmpty(parseHTML(`<body>${article.content}</body>`).document.querySelector('img')?.getAttribute('src')) : undefined;
  const mainImageUrl = absoluteHttpUrl(declaredImage ?? articleImage, pageUrl);
  const publishedAt = dateOf(nonEmpty(article?.publishedTime) ?? meta('meta[property="article:published_time"]'));
  const title = nonEmpty(article?.title) ?? nonEmpty(document.title);
  const byline = nonEmpty(article?.byline);
  const siteName = nonEmpty(article?.siteName) ?? meta('meta[property="og:site_name"]');
  const excerpt = nonEmpty(article?.excerpt);
  const lang = language ?? nonEmpty(article?.lang);
  const text = readableText(parseHTML, article?.content ?? document.body?.innerHTML ?? '');
  return {
    ...(title ? { title } : {}),
    ...(byline ? { byline } : {}),
    ...(siteName ? { siteName } : {}),
    ...(lang ? { language: lang } : {}),
    ...(excerpt ? { excerpt } : {}),
    ...(mainImageUrl ? { mainImageUrl } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    text,
  };
}
