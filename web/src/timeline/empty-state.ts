// What the timeline says when a window shows nothing: a search without matches, filters that
// match nothing and an empty window each need a different next step.
import type { View } from '../view/url-state.ts';

export type EmptyState =
  | { reason: 'no-matches'; message: string }
  | { reason: 'filters-match-nothing'; message: string }
  | { reason: 'no-events'; message: string; demoCommand: string };

const dayMs = 86_400_000;

/** The demo command that fills the day in the middle of the window (the demo's day is in UTC). */
export function demoCommandFor(window: View['window']): string {
  const middle = window.fromMs + (window.toMs - window.fromMs) / 2;
  const date = new Date(Math.floor(middle / dayMs) * dayMs).toISOString().slice(0, 10);
  return `npm run demo -- day --date ${date} --token <admin token>`;
}

export function emptyStateOf(view: Pick<View, 'window' | 'text' | 'kinds' | 'devices'>): EmptyState {
  const filters = [view.kinds.length ? 'kinds' : '', view.devices.length ? 'devices' : ''].filter(Boolean).join(' and ');
  if (view.text)
    return {
      reason: 'no-matches',
      message: `No matches for “${view.text}”${filters ? ` among the chosen ${filters}` : ''} in this window. Zoom out or move in time to search a wider window, or clear the search${filters ? ' and filters' : ''}.`,
    };
  if (filters) return { reason: 'filters-match-nothing', message: `No events of the chosen ${filters} in this window. Zoom out, move in time, or clear the filters.` };
  return { reason: 'no-events', message: 'No events in this window. Zoom out, move in time, or send the demo day here:', demoCommand: demoCommandFor(view.window) };
}
