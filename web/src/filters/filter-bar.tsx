// Filters: text (and, with one, the order of its matches), kinds, devices and the time range; every
// change lands in the URL through the view.
import { useEffect, useState } from 'react';
import type { KindInfo } from '../timeline/lanes.ts';
import { withSearch, type MatchOrder, type View } from '../view/url-state.ts';
import { kindLabel } from '../timeline/kind-label.ts';

interface Props {
  view: View;
  kinds: readonly KindInfo[];
  devices: readonly string[];
  onChange: (change: (view: View) => View) => void;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** datetime-local wants local time without a zone. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const toggle = (list: readonly string[], item: string) => (list.includes(item) ? list.filter((i) => i !== item) : [...list, item]);
const matchOrders: [MatchOrder, string][] = [
  ['time', 'Oldest first'],
  ['relevance', 'Best match'],
];

function Choices({ name, options, chosen, label, onToggle, onClear }: { name: string; options: readonly string[]; chosen: readonly string[]; label: (o: string) => string; onToggle: (o: string) => void; onClear: () => void }) {
  return (
    <details className="choices" data-filter={name}>
      <summary>
        {name}: {chosen.length ? chosen.map(label).join(', ') : 'all'}
      </summary>
      <div className="choice-list">
        {chosen.length > 0 && (
          <button type="button" onClick={onClear}>
            show all
          </button>
        )}
        {options.map((o) => (
          <label key={o}>
            <input type="checkbox" checked={chosen.includes(o)} onChange={() => onToggle(o)} /> {label(o)}
          </label>
        ))}
      </div>
    </details>
  );
}

export function FilterBar({ view, kinds, devices, onChange }: Props) {
  // What is being typed, searched for once the typing pauses; until then the view's text shows.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? view.text;
  useEffect(() => {
    if (draft === null) return;
    const timer = setTimeout(() => {
      onChange((v) => withSearch(v, draft));
      setDraft(null);
    }, 300);
    return () => clearTimeout(timer);
  }, [draft, onChange]);

  const setTime = (edge: 'fromMs' | 'toMs', value: string) => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return;
    onChange((v) => {
      const window = { ...v.window, [edge]: ms };
      return window.fromMs < window.toMs ? { ...v, window, live: false } : v;
    });
  };

  return (
    <form className="filters" role="search" onSubmit={(e) => (e.preventDefault(), onChange((v) => withSearch(v, text)))}>
      <input type="search" name="q" placeholder="Search transcripts, OCR text, titles, notes…" aria-label="Search text" value={text} onChange={(e) => setDraft(e.target.value)} />
      {view.text.trim() && (
        <span className="match-order" role="radiogroup" aria-label="Order of matches">
          {matchOrders.map(([order, label]) => (
            <label key={order}>
              <input type="radio" name="order" checked={view.order === order} onChange={() => onChange((v) => ({ ...v, order }))} /> {label}
            </label>
          ))}
        </span>
      )}
      <Choices
        name="Kinds"
        options={kinds.map((k) => k.kind)}
        chosen={view.kinds}
        label={kindLabel}
        onToggle={(k) => onChange((v) => ({ ...v, kinds: toggle(v.kinds, k) }))}
        onClear={() => onChange((v) => ({ ...v, kinds: [] }))}
      />
      <Choices
        name="Devices"
        options={[...new Set([...devices, ...view.devices])]}
        chosen={view.devices}
        label={(d) => d}
        onToggle={(d) => onChange((v) => ({ ...v, devices: toggle(v.devices, d) }))}
        onClear={() => onChange((v) => ({ ...v, devices: [] }))}
      />
      <label>
        from <input type="datetime-local" aria-label="From" value={toLocalInput(view.window.fromMs)} onChange={(e) => setTime('fromMs', e.target.value)} />
      </label>
      <label>
        to <input type="datetime-local" aria-label="To" value={toLocalInput(view.window.toMs)} onChange={(e) => setTime('toMs', e.target.value)} />
      </label>
    </form>
  );
}
