// A transcript segment with its words, each highlighted while it is spoken: as the segment's audio
// plays (the speech segment with the same fileId and segmentId, fetched from /blobs), or, when the
// audio is not kept (any more), read along against the clock.
import { useEffect, useRef, useState } from 'react';
import type { LifestreamClient } from '../graphql/client.ts';
import { speechAudioQuery } from '../graphql/documents.ts';
import { useBlobUrl } from './use-blob-url.ts';
import { useQuery } from './use-query.ts';

interface Word {
  word: string;
  startMs: number;
  endMs: number;
  confidence?: number | null;
}

const wordsOf = (value: unknown): Word[] => (Array.isArray(value) ? value.filter((w): w is Word => typeof w?.word === 'string' && typeof w?.startMs === 'number') : []);

/** The word being spoken at `ms` after the segment's start, or -1. */
const wordAt = (words: readonly Word[], ms: number) => words.findIndex((w) => ms >= w.startMs && ms < w.endMs);

interface Props {
  client: LifestreamClient;
  text: string;
  words: unknown;
  fileId: string;
  segmentId: string;
  deviceId: string;
  timeMs: number;
}

/** The segment's audio as an object URL, with the speech it holds (to place the padding around it). */
function useSegmentAudio(client: LifestreamClient, { fileId, segmentId, deviceId, timeMs }: Omit<Props, 'client' | 'text' | 'words'>) {
  const segments = useQuery(client, speechAudioQuery, { from: new Date(timeMs - 60_000).toISOString(), to: new Date(timeMs + 60_000).toISOString(), deviceIds: [deviceId] });
  const segment =
    segments.status === 'done'
      ? segments.data.timeline.edges.map((e) => e.node).find((n) => n.__typename === 'SpeechSegment' && n.fileId === fileId && n.segmentId === segmentId)
      : undefined;
  const speech = segment?.__typename === 'SpeechSegment' ? segment : undefined;
  const audio = useBlobUrl(client, speech?.audio ?? undefined);
  return speech && audio.status === 'done' ? { url: audio.url, speechMs: speech.durationMs } : undefined;
}

export function TranscriptView({ client, text, words: rawWords, ...segment }: Props) {
  const words = wordsOf(rawWords);
  const audio = useSegmentAudio(client, segment);
  const player = useRef<HTMLAudioElement>(null);
  const [readingAlong, setReadingAlong] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [positionMs, setPositionMs] = useState(-1);
  const frame = useRef(0);

  // Read along: the clock stands in for the audio.
  useEffect(() => {
    if (!readingAlong) return;
    const started = performance.now();
    const end = words.at(-1)?.endMs ?? 0;
    const tick = () => {
      const ms = performance.now() - started;
      setPositionMs(ms);
      if (ms > end) setReadingAlong(false);
      else frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame.current);
  }, [readingAlong, words]);

  // Playing: the audio's clock, less the padding the speech detector put before the speech (half of
  // what the audio holds beyond the speech).
  const followAudio = () => {
    const element = player.current;
    if (!element || !audio) return;
    const padMs = Math.max(0, (element.duration * 1000 - audio.speechMs) / 2);
    setPositionMs(element.currentTime * 1000 - padMs);
    if (!element.paused && !element.ended) frame.current = requestAnimationFrame(followAudio);
  };

  const current = readingAlong || playing ? wordAt(words, positionMs) : -1;
  if (!words.length) return <blockquote className="transcript">{text}</blockquote>;
  return (
    <div className="transcript">
      <p>
        {words.map((w, i) => (
          <span key={i} className={i === current ? 'word spoken' : 'word'} title={`${(w.startMs / 1000).toFixed(2)}–${(w.endMs / 1000).toFixed(2)} s${w.confidence != null ? `, confidence ${Math.round(w.confidence * 100)}%` : ''}`}>
            {w.word}{' '}
          </span>
        ))}
      </p>
      {audio ? (
        <audio
          ref={player}
          src={audio.url}
          controls
          aria-label="Segment audio"
          onPlay={() => {
            setPlaying(true);
            followAudio();
          }}
          onSeeked={followAudio}
          onPause={() => setPlaying(false)}
        />
      ) : (
        <button type="button" onClick={() => setReadingAlong((r) => !r)}>
          {readingAlong ? 'Stop' : 'Read along'}
        </button>
      )}
    </div>
  );
}
