// What every resolver may use: the ports, the configuration and per-request loaders.
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { Bus } from '../../db/bus/port.ts';
import type { BlobStore } from '../../db/blob-store.ts';
import type { Cache } from '../../db/cache/port.ts';
import type { Store } from '../../db/store.ts';
import { queryEventsByIds, type EventLookup } from '../../db/timeline-query.ts';
import type { TimelineRow } from '../../schema/event-codec.ts';
import type { Config } from '../../schema/config.ts';
import type { Memo } from '../../db/memos/memo.ts';
import type { Memos } from '../../db/memos/port.ts';
import type { SqlConsole } from '../../db/sql/port.ts';
import type { Principal } from '../auth/principal.ts';
import type { FanOut, LiveConnection } from '../live/fan-out.ts';
import { RequestDeadline } from '../request-deadline.ts';
import { userError } from './errors.ts';
import { createMemoLoaders, type MemoLoaders } from './memo-loaders.ts';

export interface Services {
  store: Store;
  bus: Bus;
  blobs: BlobStore;
  cache: Cache;
  config: Config;
  /** UseMemos notes, when MEMOS_DB is set. */
  memos?: Memos;
  /** Ad hoc read-only SQL: Trino when configured, else the timeline database as the sql role; absent when neither is configured. */
  sql?: SqlConsole;
}

/** The memos written around one event time. */
export interface MemosAround {
  memos: Memos;
  time: number;
  windowMs: number;
}

/** An event(id) lookup: an id names an event within its device (and time), so two devices may share one. */
export interface Context extends Services, MemoLoaders {
  principal: Principal;
  live: FanOut;
  /** The WebSocket of a subscription, absent over HTTP. */
  connection?: LiveConnection;
  /** Bounds the operation's work: pass deadline.statementBounds to every Store query. */
  deadline: RequestDeadline;
  /** Batches every event(id, deviceId, kind) of one request into a single query. */
  eventById: DataLoader<EventLookup, TimelineRow | null, string>;
  /** Batches TimelineEvent.memos of one request into a single read of the memos. */
  memosAround: DataLoader<MemosAround, Memo[], string>;
}

export interface Caller {
  principal: Principal;
  /** The WebSocket, over graphql-ws. */
  connection?: LiveConnection;
  /** Aborts when the caller leaves: the HTTP response or the WebSocket closes. */
  leaves?: AbortSignal;
}

/** The one event a lookup found, none, or an error naming the events it cannot choose between. */
function theEvent(lookup: EventLookup, found: TimelineRow[]): TimelineRow | null | GraphQLError {
  if (found.length <= 1) return found[0] ?? null;
  const which = found.map((r) => `${r.deviceId} at ${r.time.toISOString()}`).join(', ');
  const narrow = lookup.deviceId === undefined && new Set(found.map((r) => r.deviceId)).size > 1 ? 'pass deviceId, or ' : '';
  return userError('AMBIGUOUS_EVENT_ID', `${found.length} events have id "${lookup.id}" (${which}): ${narrow}find the one you mean with timeline(from, to, deviceIds)`);
}

export function createContext(services: Services, live: FanOut, { principal, connection, leaves }: Caller): Context {
  const deadline = new RequestDeadline(services.config.LIFESTREAM_REQUEST_TIMEOUT_S * 1000, leaves);
  return {
    ...services,
    principal,
    live,
    connection,
    deadline,
    eventById: new DataLoader<EventLookup, TimelineRow | null, string>(
      async (lookups) => {
        const rows = await queryEventsByIds(services.store, lookups, deadline.statementBounds);
        const answers = (lookup: EventLookup, row: TimelineRow) =>
          row.id === lookup.id && (lookup.deviceId === undefined || row.deviceId === lookup.deviceId) && (lookup.kind === undefined || row.kind === lookup.kind.name);
        return lookups.map((lookup) => theEvent(lookup, rows.filter((row) => answers(lookup, row))));
      },
      { cacheKeyFn: ({ id, deviceId, kind }) => JSON.stringify([id, deviceId, kind?.name]) },
    ),
    memosAround: new DataLoader(
      async (keys) => {
        const from = Math.min(...keys.map((k) => k.time - k.windowMs));
        const to = Math.max(...keys.map((k) => k.time + k.windowMs));
        const memos = await keys[0]!.memos.createdBetween(new Date(from), new Date(to + 1));
        return keys.map(({ time, windowMs }) => memos.filter((m) => Math.abs(m.createdAt.getTime() - time) <= windowMs));
      },
      { cacheKeyFn: ({ time, windowMs }) => `${time}:${windowMs}` },
    ),
    ...createMemoLoaders(services.memos),
  };
}
