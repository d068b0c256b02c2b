// The detail panel: one event whole (every field, its images and audio), with the view its kind
// calls for: a photo with what its analysis found drawn over it, transcript words, the GPS track on
// a map, a chart of its value, and what was around it, memos included.
import type { LifestreamClient } from '../graphql/client.ts';
import { eventQuery } from '../graphql/documents.ts';
import type { KindInfo } from '../timeline/lanes.ts';
import { AroundList } from './around-list.tsx';
import { ArchivedLink } from './archived-link.tsx';
import { BlobMedia } from './blob-media.tsx';
import { foldedSummary, inlineText } from './field-text.ts';
import { GpsMap } from './gps-map.tsx';
import { AnalysisWithPhoto, PhotoWithAnalysis } from './photo-view.tsx';
import { ScreenPlayer } from './screen-player.tsx';
import { TranscriptView } from './transcript-view.tsx';
import { useQuery } from './use-query.ts';
import { VitalsChart } from './vitals-chart.tsx';

/** A field's value: plain text, or structured output (words, detections) folded away until asked for. */
function FieldValue({ value }: { value: unknown }) {
  const text = inlineText(value);
  if (text !== undefined || value === null || typeof value !== 'object') return <>{text}</>;
  return (
    <details>
      <summary>{foldedSummary(value)}</summary>
      <pre>{JSON.stringify(value, null, 1)}</pre>
    </details>
  );
}

interface Props {
  client: LifestreamClient;
  id: string;
  kinds: readonly KindInfo[];
  /** The text searched for: the lines of a photo's text holding its words are highlighted. */
  search: string;
  onClose: () => void;
  onOpen: (id: string) => void;
}

export function EventDetail({ client, id, kinds, search, onClose, onOpen }: Props) {
  const state = useQuery(client, eventQuery, { id });
  const body = (() => {
    if (state.status === 'loading') return <p className="loading">Loading the event…</p>;
    if (state.status === 'error') return <p className="error">Could not load the event: {state.error.message}</p>;
    const event = state.data.event;
    if (!event) return <p className="empty">This event is not on the timeline (any more).</p>;
    const timeMs = Date.parse(event.time);
    const info = kinds.find((k) => k.kind === event.kind);
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    return (
      <>
        <h2>{event.headline}</h2>
        <p className="meta">
          <span className="kind">{event.kind.toLowerCase().replace(/_/g, ' ')}</span> · {new Date(timeMs).toLocaleString()} · {event.deviceId}
        </p>
        {event.__typename === 'CameraPhoto' || event.__typename === 'Screenshot' ? (
          <PhotoWithAnalysis client={client} photo={{ ...event, payload }} search={search} />
        ) : event.__typename === 'ImageAnalysis' ? (
          <AnalysisWithPhoto client={client} analysis={payload} sourceEventId={event.sourceEventId} search={search} />
        ) : (event.__typename === 'ObjectDetections' || event.__typename === 'ScreenSession') && typeof payload.sessionId === 'string' ? (
          <ScreenPlayer
            client={client}
            deviceId={event.deviceId}
            sessionId={payload.sessionId}
            // A session's result spans its frames; a frame opens the hours around it.
            from={new Date(event.__typename === 'ScreenSession' ? timeMs : timeMs - 3_600_000).toISOString()}
            to={new Date(event.__typename === 'ScreenSession' && typeof payload.endedAt === 'string' ? Date.parse(payload.endedAt) + 1 : timeMs + 3_600_000).toISOString()}
            {...(typeof payload.frameIndex === 'number' ? { frameIndex: payload.frameIndex } : {})}
            search={search}
          />
        ) : event.__typename === 'PdfExtract' || event.__typename === 'WebArticle' || event.__typename === 'TweetArchive' ? (
          <ArchivedLink client={client} typename={event.__typename} payload={payload} />
        ) : (
          <BlobMedia client={client} payload={payload} />
        )}
        {event.__typename === 'TranscriptSegment' && <TranscriptView client={client} text={event.text} words={event.words} fileId={event.fileId} segmentId={event.segmentId} deviceId={event.deviceId} timeMs={timeMs} />}
        {event.__typename === 'GpsFix' && <GpsMap client={client} deviceId={event.deviceId} timeMs={timeMs} fix={{ latitude: event.latitude, longitude: event.longitude }} />}
        {info?.valueField && <VitalsChart client={client} kind={event.kind} deviceId={event.deviceId} timeMs={timeMs} valueField={info.valueField} />}
        <table className="fields">
          <tbody>
            {Object.entries(payload).map(([name, value]) => (
              <tr key={name}>
                <th>{name}</th>
                <td>
                  <FieldValue value={value} />
                </td>
              </tr>
            ))}
            <tr>
              <th>received</th>
              <td>{new Date(event.receivedAt).toLocaleString()}</td>
            </tr>
            <tr>
              <th>id</th>
              <td>{event.id}</td>
            </tr>
          </tbody>
        </table>
        <h3>Around it</h3>
        <AroundList client={client} eventId={event.id} timeMs={timeMs} sparseKinds={kinds.filter((k) => k.draw === 'marks' || k.draw === 'spans').map((k) => k.kind)} onOpen={onOpen} />
      </>
    );
  })();
  return (
    <aside className="detail" aria-label="Event detail">
      <button type="button" className="close" onClick={onClose} aria-label="Close">
        ×
      </button>
      {body}
    </aside>
  );
}
