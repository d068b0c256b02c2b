// Image analyses as they are stored, for views that show a photo before its analysis exists: the
// caller hears each one of the given devices (all with none) and asks again for what it draws.
import { useEffect, useRef } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { liveSubscription } from '../graphql/documents.ts';

export interface AnalysisArrival {
  deviceId: string;
  /** The analysed photo's time, which the analysis keeps. */
  timeMs: number;
}

export function useImageAnalysisArrivals(client: LifestreamClient, deviceIds: readonly string[], onArrival: (arrival: AnalysisArrival) => void): void {
  // The latest callback, without opening a new subscription each render.
  const listener = useRef(onArrival);
  useEffect(() => {
    listener.current = onArrival;
  });
  const devices = JSON.stringify(deviceIds);
  useEffect(() => {
    const only = JSON.parse(devices) as string[];
    return client.subscribe(
      liveSubscription,
      { kinds: ['IMAGE_ANALYSIS'], deviceIds: only.length ? only : null },
      ({ timeline: { node } }) => listener.current({ deviceId: node.deviceId, timeMs: Date.parse(node.time) }),
      // Without live updates the view stays as it was drawn: no worse than before.
      () => {},
    );
  }, [client, devices]);
}
