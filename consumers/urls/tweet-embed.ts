// A tweet from the public embed data X serves to embedded tweets (the syndication endpoint
// <base>/tweet-result?id=<id>&token=<token>, JSON), in the format react-tweet and X's embed widget
// read: text, user, created_at, mediaDetails, quoted_tweet. Only the fields archived are checked.
import { z } from 'zod';
import { UrlTaskRejected } from './url-task-rejected.ts';

const embedUser = z.object({ screen_name: z.string(), name: z.string().optional() });

const embedMedia = z.object({
  type: z.enum(['photo', 'video', 'animated_gif']),
  media_url_https: z.string(),
  original_info: z.object({ width: z.number(), height: z.number() }).optional(),
  video_info: z.object({ variants: z.array(z.object({ content_type: z.string(), url: z.string(), bitrate: z.number().optional() })) }).optional(),
});

const embedTweetBase = z.object({
  id_str: z.string(),
  text: z.string(),
  created_at: z.string().optional(),
  lang: z.string().optional(),
  user: embedUser,
  mediaDetails: z.array(embedMedia).optional(),
});

const embedTweet = embedTweetBase.extend({ __typename: z.literal('Tweet').optional(), quoted_tweet: embedTweetBase.optional() });

export type EmbedMedia = z.infer<typeof embedMedia>;
export type EmbedTweet = z.infer<typeof embedTweet>;

/** The token the embed widget sends with the id; the endpoint refuses requests without it. */
export const embedToken = (tweetId: string) => ((Number(tweetId) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '');

export function embedDataUrl(base: string, tweetId: string): string {
  const url = new URL('tweet-result', base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('id', tweetId);
  url.searchParams.set('lang', 'en');
  url.searchParams.set('token', embedToken(tweetId));
  return url.href;
}

/** The tweet in the embed data, or TWEET_UNAVAILABLE (deleted, protected, withheld: a tombstone) or BAD_EMBED_DATA. */
export function parseEmbedTweet(json: string, tweetId: string): EmbedTweet {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new UrlTaskRejected('BAD_EMBED_DATA', `tweet ${tweetId}: the embed data is not JSON`);
  }
  if (data && typeof data === 'object' && '__typename' in data && data.__typename === 'TweetTombstone') {
    throw new UrlTaskRejected('TWEET_UNAVAILABLE', `tweet ${tweetId}: X shows a tombstone for it (deleted, protected or withheld)`);
  }
  const parsed = embedTweet.safeParse(data);
  if (!parsed.success) throw new UrlTaskRejected('BAD_EMBED_DATA', `tweet ${tweetId}: the embed data lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}

/** What to download for a medium: the photo itself, for a video or GIF its best MP4 (the poster if none). */
export function mediaDownloadUrl(media: EmbedMedia): string {
  const mp4s = (media.video_info?.variants ?? []).filter((v) => v.content_type === 'video/mp4').sort((a, b) => (b.bitrate ?? 0) - (a.bitrate ?? 0));
  return mp4s[0]?.url ?? media.media_url_https;
}
