// The BlobStore in a local directory: <dir>/<first two hex>/<sha256>, written to a temporary file
// while hashing, fsynced and renamed to its content address, so a blob is either whole or absent
// after a crash.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';

export function openBlobDirectory(dir: string): BlobStore {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  async function putStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    await mkdir(dir, { recursive: true });
    const temporary = join(dir, `.incoming.${randomUUID()}.tmp`);
    const hash = createHash('sha256');
    let byteSize = 0;
    const file = await open(temporary, 'w');
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        byteSize += chunk.byteLength;
        await file.write(chunk);
      }
      await file.sync();
    } catch (e) {
      await file.close();
      await rm(temporary, { force: true });
      throw e;
    }
    await file.close();
    const sha256 = hash.digest('hex');
    await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
    await rename(temporary, pathOf(sha256));
    return { sha256, byteSize };
  }
  return {
    putStream,
    async put(bytes) {
      return (await putStream([bytes])).sha256;
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
      try {
        return new Uint8Array(await readFile(pathOf(sha256)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}
