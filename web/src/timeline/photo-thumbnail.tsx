// A photo's thumbnail on the timeline, fetched from /blobs with the token (never the original).
import type { LifestreamClient } from '../graphql/client.ts';
import { useBlobUrl, type BlobRef } from '../detail/use-blob-url.ts';

export function PhotoThumbnail({ client, blob, title }: { client: LifestreamClient; blob: BlobRef; title: string }) {
  const loaded = useBlobUrl(client, blob);
  // Not draggable: a drag on the timeline pans it.
  return loaded.status === 'done' ? <img className="thumbnail" src={loaded.url} alt={title} draggable={false} /> : <div className="thumbnail-placeholder" title={title} />;
}
