// Live subscriptions: subscription timeline(kinds, deviceIds, fieldEquals) over graphql-ws delivers
// each event as it is stored, raw and processed kinds alike, as a TimelineEdge whose cursor resumes
// the timeline query without gaps after a reconnect.
import { canRead } from '../auth/principal.ts';
import { builder } from './builder.ts';
import { userError } from './errors.ts';
import { eventKindEnum } from './event-types.ts';
import { checkKinds } from './timeline-args.ts';
import { timelineEdge } from './timeline.ts';

const fieldEquals = builder.inputType('FieldEquals', {
  description: 'A payload field that must equal a value, e.g. { field: "fileId", value: "rec-42" } for one recording.',
  fields: (t) => ({
    field: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

builder.subscriptionType({});

builder.objectField(timelineEdge, 'movedFrom', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description:
      'On a live edge of an event that moved (an updatable kind, such as a calendar entry, sent again with its id at another time): the time it had before. ' +
      'It is no longer there; drop it from that place. Null otherwise, and always in queries.',
    resolve: ({ node }) => node.movedFrom ?? null,
  }),
);

builder.subscriptionField('timeline', (t) =>
  t.field({
    type: timelineEdge,
    description: 'Every event of these kinds and devices as it is stored (default: all). Per-pipeline streams narrow it with fieldEquals.',
    args: {
      kinds: t.arg({ type: [eventKindEnum], description: 'Only these kinds (default: all; an empty list is refused, BAD_USER_INPUT).' }),
      deviceIds: t.arg.idList(),
      fieldEquals: t.arg({ type: [fieldEquals] }),
    },
    // Checked here rather than with authScopes, which guard resolve: a refused subscription must fail at once.
    subscribe: (_root, { kinds, deviceIds, fieldEquals }, { live, principal, connection, config }) => {
      if (!canRead(principal)) throw userError('FORBIDDEN', `Subscription.timeline is not allowed for a token with scope ${principal.scope}`);
      if (live.subscriptionsOf(principal.tokenId) >= config.LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN) {
        throw userError('TOO_MANY_SUBSCRIPTIONS', `a token may hold at most ${config.LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN} subscriptions on one API instance`);
      }
      checkKinds(kinds);
      return live.subscribe(
        { kinds: kinds ? new Set(kinds) : undefined, deviceIds: deviceIds ? new Set(deviceIds.map(String)) : undefined, fieldEquals: fieldEquals ?? undefined },
        principal.tokenId,
        connection,
      );
    },
    resolve: (row) => ({ node: row }),
  }),
);
