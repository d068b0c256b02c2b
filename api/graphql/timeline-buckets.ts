// timelineBuckets: the timeline aggregated in time buckets on the server, so a client draws a day of
// 100k heart-rate samples from a few hundred rows.
import { queryTimelineBuckets, type TimelineBucket } from '../../db/timeline-buckets.ts';
import { builder } from './builder.ts';
import { userError } from './errors.ts';
import { eventKindEnum } from './event-types.ts';
import { eventFilterOf } from './timeline-args.ts';

/** Enough for one bucket per pixel across a wide screen; more is a mistake, not a drawing. */
export const maxBuckets = 10_000;

const timelineBucket = builder.objectRef<TimelineBucket>('TimelineBucket').implement({
  description: "Events of one kind (and device) in one time bucket, with the kind's value (EventKindInfo.valueField) aggregated.",
  fields: (t) => ({
    kind: t.field({ type: eventKindEnum, resolve: (b) => b.kind.name }),
    deviceId: t.id({ nullable: true, description: 'null when the bucket sums over devices.', resolve: (b) => b.deviceId }),
    start: t.field({ type: 'DateTime', description: 'Start of the bucket: from + n × bucketSeconds.', resolve: (b) => b.start }),
    count: t.exposeInt('count'),
    min: t.exposeFloat('min', { nullable: true }),
    avg: t.exposeFloat('avg', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
  }),
});

builder.queryField('timelineBuckets', (t) =>
  t.field({
    type: [timelineBucket],
    authScopes: { read: true },
    description: `Events with from <= time < to counted per kind per bucket of bucketSeconds (at most ${maxBuckets} buckets), with min, avg and max of each kind's value; only non-empty buckets, oldest first.`,
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      bucketSeconds: t.arg.int({ required: true }),
      kinds: t.arg({ type: [eventKindEnum], description: 'Only these kinds (default: all).' }),
      deviceIds: t.arg.idList({ description: 'Only these devices (default: all).' }),
      text: t.arg.string({ description: 'Only events whose text contains this, as in timeline(text:).' }),
      perDevice: t.arg.boolean({ defaultValue: false, description: 'One bucket per device instead of one for all devices.' }),
    },
    resolve: (_root, args, { store, deadline }) => {
      const filter = eventFilterOf(args);
      if (args.bucketSeconds < 1) throw userError('BAD_USER_INPUT', `bucketSeconds must be at least 1, got ${args.bucketSeconds}`);
      const buckets = Math.ceil((args.to.getTime() - args.from.getTime()) / 1000 / args.bucketSeconds);
      if (buckets > maxBuckets) {
        throw userError('TOO_MANY_BUCKETS', `from–to in buckets of ${args.bucketSeconds} s makes ${buckets} buckets, at most ${maxBuckets} are allowed: widen bucketSeconds or narrow the range`);
      }
      return queryTimelineBuckets(store, { ...filter, bucketSeconds: args.bucketSeconds, perDevice: args.perDevice ?? false }, deadline.statementBounds);
    },
  }),
);
