// The media an event carries: every blob field of its payload ({sha256, byteSize, mimeType}) shown
// as what it is, an image or a player, fetched from /blobs with the token.
import type { LifestreamClient } from '../graphql/client.ts';
import { useBlobUrl, type BlobRef } from './use-blob-url.ts';

export const isBlobRef = (value: unknown): value is BlobRef =>
  typeof value === 'object' && value !== null && /^[0-9a-f]{64}$/.test(String((value as BlobRef).sha256)) && typeof (value as BlobRef).mimeType === 'string';

/** The payload's blobs that a browser can show, by field name. */
const showableBlobs = (payload: Record<string, unknown>) =>
  Object.entries(payload).filter((entry): entry is [string, BlobRef] => isBlobRef(entry[1]) && /^(image|audio)\//.test(entry[1].mimeType));

function BlobView({ client, name, blob }: { client: LifestreamClient; name: string; blob: BlobRef }) {
  const loaded = useBlobUrl(client, blob);
  if (loaded.status === 'loading') return <p className="loading">Loading {name}…</p>;
  if (loaded.status === 'error') return <p className="error">Could not load {name}: {loaded.message}</p>;
  return (
    <figure className="blob">
      {blob.mimeType.startsWith('image/') ? <img src={loaded.url} alt={name} /> : <audio src={loaded.url} controls aria-label={name} />}
      <figcaption>
        {name} · {blob.mimeType}
      </figcaption>
    </figure>
  );
}

export function BlobMedia({ client, payload }: { client: LifestreamClient; payload: Record<string, unknown> }) {
  return (
    <>
      {showableBlobs(payload).map(([name, blob]) => (
        <BlobView key={name} client={client} name={name} blob={blob} />
      ))}
    </>
  );
}
