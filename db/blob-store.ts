// The BlobStore port: content-addressed bytes (sha256). blob-directory.ts keeps them in a local
// directory; an S3-compatible implementation joins it when configured.
export interface BlobStore {
  /** Stores the bytes durably (idempotent: same bytes, same key) and returns their sha256. */
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Uint8Array | undefined>;
}
