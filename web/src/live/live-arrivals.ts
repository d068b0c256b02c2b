// What live mode has received: the newest events first, one version of each, and the places that
// earlier versions left (a correction replaces the event at its place, a move leaves its old time).
import type { LiveTimelineSubscription } from '../graphql/generated/graphql.ts';

export type LiveEvent = LiveTimelineSubscription['timeline']['node'];

/** The newest live events first, at most this many kept. */
const keep = 200;
/** Places left by corrections and moves, remembered until the page has surely reloaded its events. */
const keepLeft = 1_000;

/** Where an event is drawn: one event per kind, device, id and time. */
export const placeOf = (event: { kind: string; deviceId: string; id: string }, time: string) => JSON.stringify([event.kind, event.deviceId, event.id, time]);

export interface Arrivals {
  key: string;
  events: LiveEvent[];
  /** Places whose earlier version is gone: each arrival's own (a correction replaces it) and where a moved one was. */
  left: string[];
  error: Error | null;
}

export const noArrivals: Arrivals = { key: '', events: [], left: [], error: null };

export function arrive(a: Arrivals, { node, movedFrom }: LiveTimelineSubscription['timeline']): Arrivals {
  const places = [placeOf(node, node.time), ...(movedFrom ? [placeOf(node, movedFrom)] : [])];
  const earlier = a.events.filter((e) => !places.includes(placeOf(e, e.time)));
  return { ...a, events: [node, ...earlier].slice(0, keep), left: [...places, ...a.left].slice(0, keepLeft) };
}

