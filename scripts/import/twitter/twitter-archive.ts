// The Twitter/X archive (the zip from Settings → Your account → Download an archive): its likes
// (data/like.js, split into like-part1.js ... in large archives, as data/manifest.js lists them)
// become likedTweet events, and each liked URL a urlTask for the archiving pipeline.
// The archive's files are JavaScript: `window.YTD.like.part0 = [ { "like": { ... } }, ... ]`.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { fileFingerprint } from '../file-fingerprint.ts';
import type { Importer } from '../import-step.ts';
import { importedEvent, importedEventId } from '../imported-event.ts';
import { openZipArchive, type ZipArchive } from '../zip-archive.ts';
import { safeParseQuotingInput } from '../../../schema/validation.ts';
import { itemProblems } from '../item-problems.ts';

const likeRecord = z.object({
  like: z.object({
    tweetId: z.string().regex(/^\d{1,20}$/, { error: 'tweetId must be the tweet\'s number' }),
    fullText: z.string().optional(),
    expandedUrl: z.string().optional(),
  }),
});

const manifest = z.object({
  dataTypes: z.record(z.string(), z.object({ files: z.array(z.object({ fileName: z.string(), count: z.string().optional() })).optional() })),
});

// Tweet ids since November 2010 are Snowflake ids: milliseconds since this epoch, shifted left 22 bits.
const snowflakeEpochMs = 1_288_834_974_657n;
const firstSnowflake = 29_700_859_247_000_000n;

/** When the tweet was posted, from its Snowflake id; undefined for the older, sequential ids. */
export function postedAtOf(tweetId: string): Date | undefined {
  const id = BigInt(tweetId);
  return id < firstSnowflake ? undefined : new Date(Number((id >> 22n) + snowflakeEpochMs));
}

/** The body of `window.YTD.<name>.partN = [...]`, parsed. */
function archiveData(source: string, name: string): unknown[] {
  const start = source.indexOf('=');
  if (start === -1 || !/^\s*window\.YTD\./.test(source)) throw new Error(`${name} is not an archive data file (window.YTD.… = [...])`);
  const parsed: unknown = JSON.parse(source.slice(start + 1).trim().replace(/;$/, ''));
  if (!Array.isArray(parsed)) throw new Error(`${name} holds no list`);
  return parsed;
}

async function likeFiles(archive: ZipArchive): Promise<{ name: string; count?: number }[]> {
  const manifestName = archive.names.find((n) => /(^|\/)data\/manifest\.js$/.test(n));
  if (manifestName) {
    const text = await archive.readText(manifestName);
    const listed = manifest.safeParse(JSON.parse(text.slice(text.indexOf('=') + 1).trim().replace(/;$/, '')));
    const files = listed.success ? listed.data.dataTypes.like?.files : undefined;
    if (files) return files.map((f) => ({ name: manifestName.replace(/data\/manifest\.js$/, f.fileName.replace(/^\.?\//, '')), count: f.count ? Number(f.count) : undefined }));
  }
  return archive.names.filter((n) => /(^|\/)data\/like(-part\d+)?\.js$/.test(n)).sort().map((name) => ({ name }));
}

const handleOf = (url: string | undefined) => url?.match(/^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/([A-Za-z0-9_]{1,15})\/status\//)?.[1];

export function twitterArchiveImporter(path: string): Importer {
  return {
    cursorKey: `twitter-archive-${basename(path)}-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 8)}`,
    async *steps(cursor) {
      const archive = await openZipArchive(path);
      try {
        const files = await likeFiles(archive);
        if (files.length === 0) throw new Error(`${path} holds no data/like.js: is it the archive Twitter/X sends (Settings → Your account → Download an archive)?`);
        // Likes are listed newest first: a newer archive at the same path is read from its start.
        const zip = fileFingerprint(path);
        const sameArchive = cursor?.archive === zip;
        const doneFile = sameArchive && typeof cursor.file === 'string' ? cursor.file : undefined;
        const doneIndex = sameArchive && typeof cursor.index === 'number' ? cursor.index : -1;
        const doneFileAt = files.findIndex((f) => f.name === doneFile);
        const total = files.reduce((sum, f) => sum + (f.count ?? 0), 0);
        if (total > 0) yield { type: 'total', items: total };
        for (const [fileAt, file] of files.entries()) {
          if (fileAt < doneFileAt) continue;
          const records = archiveData(await archive.readText(file.name), file.name);
          for (const [index, record] of records.entries()) {
            if (fileAt === doneFileAt && index <= doneIndex) continue;
            const where = `${file.name} like ${index + 1}`;
            const parsed = safeParseQuotingInput(likeRecord, record);
            if (!parsed.success) {
              yield { type: 'skip', where, reason: itemProblems(parsed.error, 'the like') };
            } else {
              const { tweetId, fullText, expandedUrl } = parsed.data.like;
              const postedAt = postedAtOf(tweetId);
              if (!postedAt) {
                yield { type: 'skip', where, reason: `tweet ${tweetId} is older than November 2010: its id tells no time, and the archive gives none for a like` };
              } else {
                const handle = handleOf(expandedUrl);
                const url = handle ? expandedUrl! : `https://x.com/i/web/status/${tweetId}`;
                // The archive says neither when the like was given nor who wrote the post: the post's own
                // time is the nearest the timeline can place it (a like cannot come before it).
                yield {
                  type: 'event',
                  event: importedEvent('likedTweet', importedEventId('twitter-like', tweetId), postedAt, {
                    tweetId,
                    authorHandle: handle ?? 'unknown',
                    text: fullText ?? '',
                    url,
                    postedAt,
                  }),
                };
                yield { type: 'event', event: importedEvent('urlTask', importedEventId('twitter-like-url', tweetId), postedAt, { url, source: 'MANUAL', note: 'liked on Twitter/X' }) };
              }
            }
            yield { type: 'checkpoint', cursor: { archive: zip, file: file.name, index } };
          }
        }
      } finally {
        archive.close();
      }
    },
  };
}
