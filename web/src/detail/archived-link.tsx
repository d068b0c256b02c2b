// An archived link read as it was saved: the readable article, the PDF page by page or the tweet
// with its photos and quoted tweet, a summary saying who wrote it, and the archived original (the
// HTML snapshot, the PDF) to download, all from this Lifestream: readable when the page is gone.
import type { LifestreamClient } from '../graphql/client.ts';
import { isBlobRef } from './blob-media.tsx';
import { useBlobUrl, type BlobRef } from './use-blob-url.ts';

type Payload = Record<string, unknown>;

const text = (payload: Payload, name: string): string | undefined => (typeof payload[name] === 'string' && payload[name] !== '' ? payload[name] : undefined);
const records = (value: unknown): Payload[] => (Array.isArray(value) ? value.filter((item): item is Payload => typeof item === 'object' && item !== null) : []);
const record = (value: unknown): Payload | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined);

/** Text as the paragraphs it was saved in: blank lines part them, a single line break (a PDF's wrapped line) does not. */
function Paragraphs({ value }: { value: string }) {
  return (
    <>
      {value.split(/\n\s*\n/).filter((p) => p.trim() !== '').map((p, i) => (
        <p key={i}>{p.replace(/\s*\n\s*/g, ' ')}</p>
      ))}
    </>
  );
}

function Summary({ payload }: { payload: Payload }) {
  const summary = text(payload, 'summary');
  if (!summary) return null;
  const by = payload.summaryMethod === 'MODEL' ? `written by ${text(payload, 'summaryModel') ?? 'a model'}` : 'sentences picked from the text here';
  return (
    <section className="archived-summary" aria-label="Summary">
      <h3>Summary <small>({by})</small></h3>
      <p>{summary}</p>
    </section>
  );
}

function Download({ client, blob, label }: { client: LifestreamClient; blob: BlobRef; label: string }) {
  const loaded = useBlobUrl(client, blob);
  if (loaded.status !== 'done') return <span className="loading">{label}…</span>;
  return (
    <a href={loaded.url} download>
      {label}
    </a>
  );
}

function Medium({ client, medium }: { client: LifestreamClient; medium: Payload }) {
  const blob = isBlobRef(medium.blob) ? medium.blob : undefined;
  const loaded = useBlobUrl(client, blob);
  if (!blob) return <p className="empty">Not archived: {text(medium, 'notArchivedReason') ?? 'no copy'}</p>;
  if (loaded.status === 'loading') return <p className="loading">Loading the {String(medium.type)}…</p>;
  if (loaded.status === 'error') return <p className="error">Could not load the {String(medium.type)}: {loaded.message}</p>;
  return blob.mimeType.startsWith('video/') ? <video src={loaded.url} controls aria-label={`tweet ${String(medium.type)}`} /> : <img src={loaded.url} alt={`tweet ${String(medium.type)}`} />;
}

function Tweet({ client, tweet }: { client: LifestreamClient; tweet: Payload }) {
  const name = text(tweet, 'authorName');
  const posted = text(tweet, 'postedAt');
  return (
    <>
      <p className="meta">
        {name ? `${name} ` : ''}@{text(tweet, 'authorHandle')}
        {posted ? ` · ${new Date(posted).toLocaleString()}` : ''}
      </p>
      <Paragraphs value={text(tweet, 'text') ?? ''} />
      {records(tweet.media).map((medium, i) => (
        <Medium key={i} client={client} medium={medium} />
      ))}
    </>
  );
}

export function ArchivedLink({ client, typename, payload }: { client: LifestreamClient; typename: 'PdfExtract' | 'WebArticle' | 'TweetArchive'; payload: Payload }) {
  // A tweet's final URL is its embed data's; the reader wants the tweet's own.
  const source = typename === 'TweetArchive' ? text(payload, 'url') : (text(payload, 'finalUrl') ?? text(payload, 'url'));
  const original = isBlobRef(payload.snapshot) ? payload.snapshot : isBlobRef(payload.document) ? payload.document : undefined;
  const quoted = record(payload.quotedTweet);
  return (
    <article className="archived-link" aria-label="Archived content">
      <p className="meta">
        {source && !source.startsWith('data:') ? (
          <a href={source} target="_blank" rel="noreferrer noopener">
            {source}
          </a>
        ) : (
          'from a data: URL'
        )}
        {typeof payload.httpStatus === 'number' ? ` · HTTP ${payload.httpStatus}` : ''}
        {original && (
          <>
            {' · '}
            <Download client={client} blob={original} label={typename === 'PdfExtract' ? 'the PDF as saved' : 'the page as saved'} />
          </>
        )}
      </p>
      <Summary payload={payload} />
      {typename === 'WebArticle' && (
        <>
          <p className="meta">{[text(payload, 'byline'), text(payload, 'siteName'), text(payload, 'language')].filter(Boolean).join(' · ')}</p>
          <Paragraphs value={text(payload, 'text') ?? ''} />
        </>
      )}
      {typename === 'PdfExtract' &&
        records(payload.pages).map((page) => (
          <section key={String(page.page)} className="archived-page" aria-label={`Page ${String(page.page)}`}>
            <h4>Page {String(page.page)}</h4>
            <Paragraphs value={text(page, 'text') ?? ''} />
          </section>
        ))}
      {typename === 'TweetArchive' && <Tweet client={client} tweet={payload} />}
      {quoted && (
        <blockquote className="quoted-tweet" aria-label="Quoted tweet">
          <Tweet client={client} tweet={quoted} />
        </blockquote>
      )}
    </article>
  );
}
