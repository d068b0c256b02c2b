// Live mode: the timeline subscription, filtered like the view; new events arrive without reload.
import { useEffect, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { liveSubscription } from '../graphql/documents.ts';
import type { EventKind, LiveTimelineSubscription } from '../graphql/generated/graphql.ts';

type LiveEvent = LiveTimelineSubscription['timeline']['node'];

/** The newest live events first, at most this many kept. */
const keep = 200;

interface Arrivals {
  key: string;
  events: LiveEvent[];
  error: Error | null;
}

export function useLiveEvents(client: LifestreamClient, enabled: boolean, kinds: readonly string[], devices: readonly string[]) {
  // What arrived, for the subscription it arrived on: another filter starts from nothing.
  const [arrivals, setArrivals] = useState<Arrivals | null>(null);
  const key = JSON.stringify([enabled, kinds, devices]);
  useEffect(() => {
    const [on, k, d] = JSON.parse(key) as [boolean, EventKind[], string[]];
    if (!on) return;
    const mine = (a: Arrivals | null): Arrivals => (a?.key === key ? a : { key, events: [], error: null });
    return client.subscribe(
      liveSubscription,
      { kinds: k.length ? k : null, deviceIds: d.length ? d : null },
      (data) => setArrivals((a) => ({ ...mine(a), events: [data.timeline.node, ...mine(a).events].slice(0, keep) })),
      (error) => setArrivals((a) => ({ ...mine(a), error })),
    );
  }, [client, key]);
  return arrivals?.key === key && enabled ? arrivals : { events: [] as LiveEvent[], error: null };
}
