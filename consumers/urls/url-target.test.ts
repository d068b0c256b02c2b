import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPdf, parseDataUrl, targetOf, tweetIdOf } from './url-target.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

describe('url target', () => {
  it('knows tweet URLs on twitter.com and x.com, and nothing else, as tweets', () => {
    assert.equal(tweetIdOf(new URL('https://x.com/jack/status/20')), '20');
    assert.equal(tweetIdOf(new URL('https://mobile.twitter.com/jack/statuses/20?s=21')), '20');
    assert.equal(tweetIdOf(new URL('https://twitter.com/i/web/status/1664267318053179398')), '1664267318053179398');
    assert.equal(tweetIdOf(new URL('https://x.com/jack')), undefined);
    assert.equal(tweetIdOf(new URL('https://nitter.example/jack/status/20')), undefined);
    assert.deepEqual(targetOf('https://example.org/a.pdf'), { type: 'web', url: 'https://example.org/a.pdf' });
  });

  it('reads base64 and percent-encoded data: URLs and refuses base64 that is not', () => {
    assert.deepEqual(parseDataUrl('data:application/pdf;base64,JVBERi0xLjc='), { mediaType: 'application/pdf', bytes: Buffer.from('%PDF-1.7') });
    assert.deepEqual(parseDataUrl('data:,hello%20world'), { mediaType: 'text/plain', bytes: Buffer.from('hello world') });
    assert.throws(() => parseDataUrl('data:application/pdf;base64,%%%'), (error: unknown) => error instanceof UrlTaskRejected && error.code === 'BAD_DATA_URL');
  });

  it('knows a PDF by its type or by its header in the first kilobyte', () => {
    assert.ok(isPdf('application/pdf', Buffer.from('')));
    assert.ok(isPdf('application/octet-stream', Buffer.from('\n\n%PDF-1.4 ...')));
    assert.ok(!isPdf('application/octet-stream', Buffer.from('PK\u0003\u0004 a zip')));
  });
});
