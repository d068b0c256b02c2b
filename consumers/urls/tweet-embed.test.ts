import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embedDataUrl, embedToken, mediaDownloadUrl, parseEmbedTweet } from './tweet-embed.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

describe('tweet embed data', () => {
  it('asks the endpoint with the id and the token the embed widget computes', () => {
    const url = new URL(embedDataUrl('https://cdn.syndication.twimg.com', '20'));
    assert.equal(url.origin + url.pathname, 'https://cdn.syndication.twimg.com/tweet-result');
    assert.equal(url.searchParams.get('id'), '20');
    assert.equal(url.searchParams.get('token'), embedToken('20'));
    assert.match(embedToken('1664267318053179398'), /^[0-9a-z]+$/);
  });

  it('says a tombstone is a tweet X no longer shows, and names what malformed data lacks', () => {
    assert.throws(() => parseEmbedTweet('{"__typename":"TweetTombstone","tombstone":{"text":{"text":"This Post was deleted"}}}', '20'), (e: unknown) => e instanceof UrlTaskRejected && e.code === 'TWEET_UNAVAILABLE');
    assert.throws(() => parseEmbedTweet('{"__typename":"Tweet","id_str":"20","text":"hi"}', '20'), (e: unknown) => e instanceof UrlTaskRejected && e.code === 'BAD_EMBED_DATA' && /user/.test(e.message));
    assert.throws(() => parseEmbedTweet('<html>', '20'), (e: unknown) => e instanceof UrlTaskRejected && e.code === 'BAD_EMBED_DATA');
  });

  it("downloads a video's best MP4 and a photo itself", () => {
    const video = { type: 'video' as const, media_url_https: 'https://pbs.twimg.com/poster.jpg', video_info: { variants: [{ content_type: 'application/x-mpegURL', url: 'https://video.twimg.com/pl.m3u8' }, { content_type: 'video/mp4', url: 'https://video.twimg.com/low.mp4', bitrate: 256_000 }, { content_type: 'video/mp4', url: 'https://video.twimg.com/high.mp4', bitrate: 2_176_000 }] } };
    assert.equal(mediaDownloadUrl(video), 'https://video.twimg.com/high.mp4');
    assert.equal(mediaDownloadUrl({ type: 'photo', media_url_https: 'https://pbs.twimg.com/a.jpg' }), 'https://pbs.twimg.com/a.jpg');
  });
});
