// Events of some kinds as they are stored, for views drawn before those events exist (a photo before
// its analysis, a screen session still recording): the caller hears each one of the given devices
// (all with none) and asks again for what it draws.
import { useEffect, useRef } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { liveSubscription } from '../graphql/documents.ts';
import type { EventKind } from '../graphql/generated/graphql.ts';

export interface EventArrival {
  deviceId: string;
  /** The event's time. */
  timeMs: number;
}

export function useEventArrivals(client: LifestreamClient, kinds: readonly EventKind[], deviceIds: readonly string[], onArrival: (arrival: EventArrival) => void): void {
  // The latest callback, without opening a new subscription each render.
  const listener = useRef(onArrival);
  useEffect(() => {
    listener.current = onArrival;
  });
  const filter = JSON.stringify([kinds, deviceIds]);
  useEffect(() => {
    const [only, devices] = JSON.parse(filter) as [EventKind[], string[]];
    return client.subscribe(
      liveSubscription,
      { kinds: only, deviceIds: devices.length ? devices : null },
      ({ timeline: { node } }) => listener.current({ deviceId: node.deviceId, timeMs: Date.parse(node.time) }),
      // Without live updates the view stays as it was drawn: no worse than before.
      () => {},
    );
  }, [client, filter]);
}
