// A file sent by GraphQL multipart upload (the `File` scalar), as the server's fetch API hands it
// over: read as a stream of chunks, never as one string.
export interface Upload {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  stream(): AsyncIterable<Uint8Array>;
}

export const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' && value !== null && 'stream' in value && typeof value.stream === 'function' && 'size' in value && typeof value.size === 'number';
