// Live mode: the timeline subscription, filtered like the view; new events arrive without reload,
// and a corrected or moved one (a calendar entry sent again) leaves the place it had at once.
import { useEffect, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { liveSubscription } from '../graphql/documents.ts';
import type { EventKind } from '../graphql/generated/graphql.ts';
import { arrive, noArrivals, type Arrivals } from './live-arrivals.ts';

export function useLiveEvents(client: LifestreamClient, enabled: boolean, kinds: readonly string[], devices: readonly string[]) {
  // What arrived, for the subscription it arrived on: another filter starts from nothing.
  const [arrivals, setArrivals] = useState<Arrivals | null>(null);
  const key = JSON.stringify([enabled, kinds, devices]);
  useEffect(() => {
    const [on, k, d] = JSON.parse(key) as [boolean, EventKind[], string[]];
    if (!on) return;
    const mine = (a: Arrivals | null): Arrivals => (a?.key === key ? a : { ...noArrivals, key });
    return client.subscribe(
      liveSubscription,
      { kinds: k.length ? k : null, deviceIds: d.length ? d : null },
      (data) => setArrivals((a) => arrive(mine(a), data.timeline)),
      (error) => setArrivals((a) => ({ ...mine(a), error })),
    );
  }, [client, key]);
  return arrivals?.key === key && enabled ? arrivals : noArrivals;
}
