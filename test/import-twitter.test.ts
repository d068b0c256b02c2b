// The Twitter/X archive importer end to end: likes from an archive zip into likedTweet, each liked
// URL queued as a urlTask, through the GraphQL API, the bus and persistence; a re-run that adds
// nothing, an interrupted import that resumes, malformed likes reported and skipped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { twitterArchiveImporter } from '../scripts/import/twitter/twitter-archive.ts';
import { fixtureLikes, snowflakeAt, writeTwitterArchive } from './fixtures/twitter-archive.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-twitter-'));
const likedFields = '... on LikedTweet { tweetId authorHandle text url postedAt }';

describe('Twitter/X archive importer', () => {
  const lifestream = importerLifestream();

  it('imports the likes of every part at their posts\' times, queues their URLs, and reports malformed likes', async () => {
    const target = await importTarget(lifestream(), 'twitter');
    const path = join(work, 'archive.zip');
    const likes = fixtureLikes(5);
    await writeTwitterArchive(path, [[...likes.slice(0, 3).map((like) => ({ like })), { like: { fullText: 'no id' } }, { like: { tweetId: '20', fullText: 'just setting up my twttr' } }], likes.slice(3).map((like) => ({ like }))]);

    const report = await target.run(twitterArchiveImporter(path));
    assert.equal(report.sent, 10);
    assert.deepEqual(report.skipped, [
      { where: 'data/like.js like 4', reason: 'like.tweetId is required' },
      { where: 'data/like.js like 5', reason: 'tweet 20 is older than November 2010: its id tells no time, and the archive gives none for a like' },
    ]);
    const liked = await target.timeline('LIKED_TWEET', 5, likedFields);
    assert.deepEqual(liked[0], {
      id: liked[0]!.id,
      time: '2024-05-01T12:00:00.000Z',
      tweetId: likes[0]!.tweetId,
      authorHandle: 'unknown',
      text: likes[0]!.fullText,
      url: `https://x.com/i/web/status/${likes[0]!.tweetId}`,
      postedAt: '2024-05-01T12:00:00.000Z',
    });
    assert.equal(liked[1]!.authorHandle, 'author1');
    assert.equal(liked[4]!.time, '2024-05-05T12:00:00.000Z');
    const tasks = await target.timeline('URL_TASK', 5, '... on UrlTask { url source note }');
    assert.deepEqual(tasks.map((t) => t.url), liked.map((l) => l.url));
    assert.deepEqual(new Set(tasks.map((t) => `${t.source} ${t.note}`)), new Set(['MANUAL liked on Twitter/X']));
  });

  it('a re-run sends nothing, and an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'twitter-resume');
    const path = join(work, 'resume.zip');
    // Ids come from tweet ids alone (the same like imported under another device is one event): likes of their own.
    const likes = [fixtureLikes(6, 100), fixtureLikes(6, 106)];
    await writeTwitterArchive(path, likes.map((part) => part.map((like) => ({ like }))));
    await assert.rejects(target.run(twitterArchiveImporter(path), { client: clientLostAfter(target.client, 2), batchSize: 4 }), /connection lost/);
    const resumed = await target.run(twitterArchiveImporter(path), { batchSize: 4 });
    assert.ok(resumed.resumedFrom);
    assert.equal(resumed.sent, 24 - 8, 'the two batches behind the saved cursor are not sent again');
    const liked = await target.timeline('LIKED_TWEET', 12, likedFields);
    assert.deepEqual(liked.map((l) => l.tweetId), likes.flat().map((l) => l.tweetId));
    assert.equal(await target.rowCount('liked_tweet'), 12);
    // Likes and URL tasks travel on topics of their own: the tasks' rows may come after the likes'.
    await target.timeline('URL_TASK', 12, '... on UrlTask { url }');
    assert.equal(await target.rowCount('url_task'), 12);
    assert.equal((await target.run(twitterArchiveImporter(path))).sent, 0);
    // A newer archive at the same path, its new likes first (the archive lists the newest first): nothing skipped by the old cursor.
    await writeTwitterArchive(path, [[...fixtureLikes(1, 120), ...likes[0]!].map((like) => ({ like })), likes[1]!.map((like) => ({ like }))]);
    assert.equal((await target.run(twitterArchiveImporter(path))).sent, 26);
    await target.timeline('LIKED_TWEET', 13, likedFields);
    assert.equal(await target.rowCount('liked_tweet'), 13);
  });

  it('refuses a zip that is not a Twitter/X archive, and a file that is not a zip, naming them', async () => {
    const target = await importTarget(lifestream(), 'twitter-wrong');
    const other = join(work, 'other.zip');
    await writeTwitterArchive(other, []);
    await assert.rejects(target.run(twitterArchiveImporter(other)), /other\.zip holds no data\/like\.js: is it the archive Twitter\/X sends/);
    const notZip = join(work, 'notes.txt');
    writeFileSync(notZip, 'hello');
    await assert.rejects(target.run(twitterArchiveImporter(notZip)), /notes\.txt is not a zip archive/);
  });

  it('derives a post\'s time from its Snowflake id', async () => {
    const { postedAtOf } = await import('../scripts/import/twitter/twitter-archive.ts');
    assert.equal(postedAtOf(snowflakeAt('2023-01-02T03:04:05.678Z', 7))!.toISOString(), '2023-01-02T03:04:05.678Z');
    assert.equal(postedAtOf('20'), undefined);
  });
});
