// timelineBuckets and timelineBucketSeries: the timeline aggregated in time buckets on the server, so
// a client draws a day of 100k heart-rate samples from a few hundred rows; the series carry the same
// buckets as a few objects of parallel arrays, for views with thousands of buckets.
import { bucketSeriesOf, type BucketSeries } from '../../db/timeline-bucket-series.ts';
import { queryTimelineBuckets, type TimelineBucket } from '../../db/timeline-buckets.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { userError } from './errors.ts';
import { eventKindEnum } from './event-types.ts';
import { eventFilterOf, type EventFilterArgs } from './timeline-args.ts';

/** Enough for one bucket per pixel across a wide screen; more is a mistake, not a drawing. */
export const maxBuckets = 10_000;

const bucketArgs = builder.args((t) => ({
  from: t.field({ type: 'DateTime', required: true }),
  to: t.field({ type: 'DateTime', required: true }),
  bucketSeconds: t.int({ required: true }),
  kinds: t.field({ type: [eventKindEnum], description: 'Only these kinds (default: all; an empty list is refused, BAD_USER_INPUT).' }),
  deviceIds: t.idList({ description: 'Only these devices (default: all).' }),
  text: t.string({ description: 'Only events whose text contains this, as in timeline(text:).' }),
  perDevice: t.boolean({ defaultValue: false, description: 'One bucket per device instead of one for all devices.' }),
}));

interface BucketArgs extends EventFilterArgs {
  bucketSeconds: number;
  perDevice?: boolean | null;
}

function bucketsFor(args: BucketArgs, { store, deadline }: Context): Promise<TimelineBucket[]> {
  const filter = eventFilterOf(args);
  if (args.bucketSeconds < 1) throw userError('BAD_USER_INPUT', `bucketSeconds must be at least 1, got ${args.bucketSeconds}`);
  const buckets = Math.ceil((args.to.getTime() - args.from.getTime()) / 1000 / args.bucketSeconds);
  if (buckets > maxBuckets) {
    throw userError('TOO_MANY_BUCKETS', `from–to in buckets of ${args.bucketSeconds} s makes ${buckets} buckets, at most ${maxBuckets} are allowed: widen bucketSeconds or narrow the range`);
  }
  return queryTimelineBuckets(store, { ...filter, bucketSeconds: args.bucketSeconds, perDevice: args.perDevice ?? false }, deadline.statementBounds);
}

const bucketsDescription = `Events with from <= time < to counted per kind per bucket of bucketSeconds (at most ${maxBuckets} buckets), with min, avg and max of each kind's value; only non-empty buckets`;

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

const bucketSeries = builder.objectRef<BucketSeries>('BucketSeries').implement({
  description: 'The buckets of one kind (and device) as parallel arrays, oldest first: element i of starts, counts, min, avg and max is one TimelineBucket.',
  fields: (t) => ({
    kind: t.field({ type: eventKindEnum, resolve: (s) => s.kind.name }),
    deviceId: t.id({ nullable: true, description: 'null when the buckets sum over devices.', resolve: (s) => s.deviceId }),
    starts: t.field({ type: ['DateTime'], description: 'Start of each bucket: from + n × bucketSeconds.', resolve: (s) => s.starts }),
    counts: t.exposeIntList('counts'),
    min: t.exposeFloatList('min', { nullable: { list: false, items: true }, description: "Each bucket's minimum of the kind's value; null where the kind has none." }),
    avg: t.exposeFloatList('avg', { nullable: { list: false, items: true } }),
    max: t.exposeFloatList('max', { nullable: { list: false, items: true } }),
  }),
});

builder.queryField('timelineBuckets', (t) =>
  t.field({
    type: [timelineBucket],
    authScopes: { read: true },
    description: `${bucketsDescription}, oldest first. For thousands of buckets (a year of days) timelineBucketSeries answers the same in a fraction of the time.`,
    args: bucketArgs,
    resolve: (_root, args, context) => bucketsFor(args, context),
  }),
);

builder.queryField('timelineBucketSeries', (t) =>
  t.field({
    type: [bucketSeries],
    authScopes: { read: true },
    description: `${bucketsDescription}, as one series per kind (and device with perDevice), in the order of each series' first bucket: the buckets of timelineBuckets, regrouped.`,
    args: bucketArgs,
    resolve: async (_root, args, context) => bucketSeriesOf(await bucketsFor(args, context)),
  }),
);
