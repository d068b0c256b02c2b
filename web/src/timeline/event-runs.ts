// Runs in a list of events: consecutive events of one kind from one device (a GPS fix every 30 s,
// a burst of notifications) become one row saying how many and when, so they do not bury the rest.
// Pure: the list groups whatever it holds, every page so far at once, so runs are exact across pages.

export interface RunEvent {
  id: string;
  kind: string;
  deviceId: string;
  time: string;
}

export interface Run<E extends RunEvent> {
  kind: string;
  deviceId: string;
  /** In the list's order. */
  events: E[];
  /** The earliest and the latest event's time, whatever the list's order. */
  fromMs: number;
  toMs: number;
}

/** A row of the list: one event as it is, or a run of them. */
export type ListRow<E extends RunEvent> = { event: E } | { run: Run<E> };

/**
 * The shortest run collapsed. One or two alike in a row are as short as the row that would stand
 * for them, and collapsing them hides their headlines behind a click for nothing; from three on,
 * the row saves space and reads as what it is: something repeating.
 */
export const shortestRun = 3;

const sameRun = (a: RunEvent, b: RunEvent) => a.kind === b.kind && a.deviceId === b.deviceId;

function runOf<E extends RunEvent>(events: E[]): Run<E> {
  // A loop, not Math.min(...times): a run read to the end of a year can outgrow a call's arguments.
  let [fromMs, toMs] = [Infinity, -Infinity];
  for (const e of events) {
    const ms = Date.parse(e.time);
    [fromMs, toMs] = [Math.min(fromMs, ms), Math.max(toMs, ms)];
  }
  return { kind: events[0]!.kind, deviceId: events[0]!.deviceId, events, fromMs, toMs };
}

/** The list's rows: each stretch of `shortest` or more consecutive events of one kind and device as one run, the others as they are. */
export function groupRuns<E extends RunEvent>(events: readonly E[], shortest = shortestRun): ListRow<E>[] {
  const rows: ListRow<E>[] = [];
  let start = 0;
  for (let i = 1; i <= events.length; i++) {
    if (i < events.length && sameRun(events[start]!, events[i]!)) continue;
    const stretch = events.slice(start, i);
    if (stretch.length >= shortest) rows.push({ run: runOf(stretch) });
    else rows.push(...stretch.map((event) => ({ event })));
    start = i;
  }
  return rows;
}
