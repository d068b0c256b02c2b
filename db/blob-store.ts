// The BlobStore port: content-addressed bytes (sha256). blob-directory.ts keeps them in a local
// directory; an S3-compatible implementation joins it when configured.
export interface BlobStore {
  /** Stores the bytes durably (idempotent: same bytes, same key) and returns their sha256. */
  put(bytes: Uint8Array): Promise<string>;
  /**
   * Stores bytes as they arrive, hashing them on the way, without holding them all: for uploads.
   * When the chunks throw (a limit the caller enforces), nothing is kept and the error is rethrown.
   */
  putStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ sha256: string; byteSize: number }>;
  get(sha256: string): Promise<Uint8Array | undefined>;
}
