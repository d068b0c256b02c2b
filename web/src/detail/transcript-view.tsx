// A transcript segment with its words: read along highlights each word at its time from the
// segment's start. (Audio is not played: the API has no blob route yet, so the words are timed
// against the clock instead of against the audio.)
import { useEffect, useRef, useState } from 'react';

interface Word {
  word: string;
  startMs: number;
  endMs: number;
  confidence?: number | null;
}

const wordsOf = (value: unknown): Word[] => (Array.isArray(value) ? value.filter((w): w is Word => typeof w?.word === 'string' && typeof w?.startMs === 'number') : []);

/** The word being spoken at `ms` after the segment's start, or -1. */
const wordAt = (words: readonly Word[], ms: number) => words.findIndex((w) => ms >= w.startMs && ms < w.endMs);

export function TranscriptView({ text, words: rawWords }: { text: string; words: unknown }) {
  const words = wordsOf(rawWords);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(-1);
  const frame = useRef(0);
  useEffect(() => {
    if (!playing) return;
    const started = performance.now();
    const end = words.at(-1)?.endMs ?? 0;
    const tick = () => {
      const ms = performance.now() - started;
      setPosition(ms);
      if (ms > end) setPlaying(false);
      else frame.current = requestAnimationFrame(tick);
    };
    frame.current = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame.current);
  }, [playing, words]);
  const current = playing ? wordAt(words, position) : -1;

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
      <button type="button" onClick={() => setPlaying((p) => !p)}>
        {playing ? 'Stop' : 'Read along'}
      </button>
    </div>
  );
}
