// Reading files out of an export zip (Twitter/X, Google Takeout) with yauzl: the central directory
// is read first, then only the entries asked for, each decompressed as a stream.
import { text } from 'node:stream/consumers';
import yauzl from 'yauzl';

export interface ZipArchive {
  readonly names: readonly string[];
  /** The entry's contents as UTF-8 text. */
  readText(name: string): Promise<string>;
  close(): void;
}

export function openZipArchive(path: string): Promise<ZipArchive> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) return reject(new Error(`${path} is not a zip archive: ${error.message}`));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.once('error', reject);
      zip.once('end', () =>
        resolvePromise({
          names: [...entries.keys()],
          async readText(name) {
            const entry = entries.get(name);
            if (!entry) throw new Error(`${path} holds no ${name}`);
            return text(await zip.openReadStreamPromise(entry));
          },
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}
