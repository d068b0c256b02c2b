// A blob an event references, fetched with the token and held as an object URL while shown.
import { useEffect, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';

export interface BlobRef {
  sha256: string;
  mimeType: string;
}

export type BlobUrl = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; url: string };

export function useBlobUrl(client: LifestreamClient, blob: BlobRef | undefined): BlobUrl {
  // The answer remembers which blob it is for: another one is still loading.
  const [answer, setAnswer] = useState<{ sha256: string; state: BlobUrl } | null>(null);
  const sha256 = blob?.sha256;
  const mimeType = blob?.mimeType;
  useEffect(() => {
    if (!sha256 || !mimeType) return;
    let objectUrl: string | undefined;
    let current = true;
    client.fetchBlob(sha256, mimeType).then(
      (bytes) => {
        objectUrl = URL.createObjectURL(bytes);
        if (current) setAnswer({ sha256, state: { status: 'done', url: objectUrl } });
      },
      (error: Error) => current && setAnswer({ sha256, state: { status: 'error', message: error.message } }),
    );
    return () => {
      current = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [client, sha256, mimeType]);
  return answer && answer.sha256 === sha256 ? answer.state : { status: 'loading' };
}
