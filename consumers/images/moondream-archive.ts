// Moondream's model archive (.mf, or .mf.gz as released): "MOON", a version byte (1), then per
// member a big-endian u32 name length, the UTF-8 name, a big-endian u64 content length and the
// content (the `moondream` PyPI client's moonfile.py up to 0.0.6). Unpacked member by member into a
// folder, streamed, so a 2 GB archive never sits in memory whole.
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const magic = 'MOON';
const supportedVersion = 1;

export class MoondreamArchiveError extends Error {
  override name = 'MoondreamArchiveError';
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  private ended = false;

  constructor(
    source: Readable,
    /** Names the archive in errors. */
    private readonly where: string,
  ) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  private truncated(what: string): MoondreamArchiveError {
    return new MoondreamArchiveError(`${this.where} ends inside ${what}: it is truncated; download it again`);
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    return true;
  }

  /** Exactly `length` bytes, or undefined when the stream ends before the first of them. */
  async read(length: number, what: string): Promise<Buffer | undefined> {
    while (this.buffered.length < length) {
      if (!(await this.fill())) {
        if (this.buffered.length === 0) return undefined;
        throw this.truncated(what);
      }
    }
    const bytes = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return bytes;
  }

  /** Passes the next `length` bytes to `write` in chunks as they come. */
  async pipe(length: number, what: string, write: (chunk: Buffer) => Promise<void>): Promise<void> {
    let left = length;
    while (left > 0) {
      if (this.buffered.length === 0 && !(await this.fill())) throw this.truncated(what);
      const chunk = this.buffered.subarray(0, Math.min(left, this.buffered.length));
      this.buffered = this.buffered.subarray(chunk.length);
      left -= chunk.length;
      await write(chunk);
    }
  }
}

async function writeMember(reader: ByteReader, length: number, name: string, path: string): Promise<void> {
  const file = createWriteStream(path);
  await reader.pipe(length, name, (chunk) => new Promise((resolve, reject) => file.write(chunk, (error) => (error ? reject(error) : resolve()))));
  file.end();
  await finished(file);
}

/**
 * Unpacks the archive at `archivePath` (gzip-compressed when its name ends in .gz) into `dir`, each
 * member under the last part of its name; returns those names in archive order.
 */
export async function unpackMoondreamArchive(archivePath: string, dir: string): Promise<string[]> {
  const file = createReadStream(archivePath);
  const source = archivePath.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  const where = `Moondream archive ${archivePath}`;
  const reader = new ByteReader(source, where);
  try {
    const header = await reader.read(magic.length + 1, 'its header');
    if (!header || header.subarray(0, magic.length).toString('latin1') !== magic) throw new MoondreamArchiveError(`${where} is not a Moondream model archive (it does not start with "${magic}")`);
    const version = header[magic.length];
    if (version !== supportedVersion) throw new MoondreamArchiveError(`${where} has format version ${version}; Lifestream reads version ${supportedVersion} (the .mf files of Moondream's ONNX release)`);
    mkdirSync(dir, { recursive: true });
    const names: string[] = [];
    for (;;) {
      const nameLength = await reader.read(4, 'a member name length');
      if (!nameLength) break;
      const name = (await reader.read(nameLength.readUInt32BE(0), 'a member name'))?.toString('utf8') ?? '';
      const member = basename(name);
      if (!member || member === '.' || member === '..') throw new MoondreamArchiveError(`${where} has a member without a usable name ("${name}")`);
      const contentLength = await reader.read(8, `the length of ${name}`);
      if (!contentLength) throw new MoondreamArchiveError(`${where} ends inside ${name}: it is truncated; download it again`);
      await writeMember(reader, Number(contentLength.readBigUInt64BE(0)), name, join(dir, member));
      names.push(member);
    }
    return names;
  } catch (error) {
    if (error instanceof MoondreamArchiveError) throw error;
    throw new MoondreamArchiveError(`${where} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.destroy();
    file.destroy();
  }
}
