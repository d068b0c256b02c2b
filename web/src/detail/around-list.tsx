// What was around the event: the sparse events of the half hour either side interleaved with the
// notes (UseMemos) written then, in time order. Memos are asked for only where the server has them
// configured (/app-settings.json), so a deployment without them sees no error and logs none.
import { useAppSettings } from '../app-settings.ts';
import type { LifestreamClient } from '../graphql/client.ts';
import { eventsQuery, memosAroundQuery } from '../graphql/documents.ts';
import type { EventKind } from '../graphql/generated/graphql.ts';
import { useQuery } from './use-query.ts';

const windowMs = 30 * 60_000;
const shown = 40;
/** A busy kind (a GPS track) must not crowd out the rest: its nearest few only. */
const perKind = 5;

export function AroundList({ client, eventId, timeMs, sparseKinds, onOpen }: { client: LifestreamClient; eventId: string; timeMs: number; sparseKinds: readonly string[]; onOpen: (id: string) => void }) {
  const events = useQuery(client, eventsQuery, { from: new Date(timeMs - windowMs).toISOString(), to: new Date(timeMs + windowMs).toISOString(), kinds: sparseKinds as EventKind[] });
  const memosConfigured = useAppSettings()?.memos ?? false;
  const memos = useQuery(client, memosAroundQuery, memosConfigured ? { id: eventId } : null);
  if (events.status === 'loading') return <p className="loading">Loading what was around…</p>;
  if (events.status === 'error') return <p className="error">Could not load what was around: {events.error.message}</p>;
  const items = [
    ...events.data.timeline.edges.map(({ node }) => ({ timeMs: Date.parse(node.time), key: node.id, kind: node.kind.toLowerCase().replace(/_/g, ' '), text: node.headline, id: node.id as string | null })),
    ...(memos.status === 'done' ? (memos.data.event?.memos ?? []) : []).map((m) => ({ timeMs: Date.parse(m.createdAt), key: `memo-${m.id}`, kind: 'memo', text: m.title ?? m.content.slice(0, 120), id: null })),
  ]
    .sort((a, b) => Math.abs(a.timeMs - timeMs) - Math.abs(b.timeMs - timeMs))
    .filter((item, _, nearest) => item.id === eventId || nearest.filter((other) => other.kind === item.kind).indexOf(item) < perKind)
    .slice(0, shown)
    .sort((a, b) => a.timeMs - b.timeMs);
  const memoNote = memos.status === 'error' ? `Memos: ${memos.error.message}` : null;
  return (
    <div className="around">
      <ol>
        {items.map((item) => (
          <li key={item.key} className={item.id === eventId ? 'this' : item.kind === 'memo' ? 'memo' : undefined}>
            <time>{new Date(item.timeMs).toLocaleTimeString()}</time> <span className="kind">{item.kind}</span>{' '}
            {item.id && item.id !== eventId ? (
              <a href="#" onClick={(e) => (e.preventDefault(), onOpen(item.id!))}>
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ol>
      {memoNote && <p className="hint">{memoNote}</p>}
    </div>
  );
}
