import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseView, serializeView, withSearch } from './url-state.ts';

process.env.TZ = 'UTC';
const now = Date.UTC(2026, 10, 30, 7, 45);

describe('view in the URL', () => {
  it('opens on today with everything shown when the URL says nothing', () => {
    assert.deepEqual(parseView('', now), {
      window: { fromMs: Date.UTC(2026, 10, 30), toMs: Date.UTC(2026, 11, 1) },
      kinds: [],
      devices: [],
      text: '',
      order: 'time',
      live: false,
      event: null,
      lanes: 'lane',
    });
  });

  it('round-trips every setting, a whole day written as its date', () => {
    const search = '?from=2026-06-01&kinds=HEART_RATE,STEPS&devices=watch,phone&q=design+review&order=relevance&live=1&event=ev-1&lanes=device';
    const view = parseView(search, now);
    assert.deepEqual(view.window, { fromMs: Date.UTC(2026, 5, 1), toMs: Date.UTC(2026, 5, 2) });
    assert.equal(view.text, 'design review');
    assert.equal(view.order, 'relevance');
    assert.equal(serializeView(view), search);
  });

  it('keeps any other window exactly', () => {
    const view = parseView('?from=2026-06-01T07:00:00.000Z&to=2026-06-01T07:15:00.000Z', now);
    assert.deepEqual(view.window, { fromMs: Date.UTC(2026, 5, 1, 7), toMs: Date.UTC(2026, 5, 1, 7, 15) });
    assert.equal(serializeView(view), '?from=2026-06-01T07:00:00.000Z&to=2026-06-01T07:15:00.000Z');
  });

  it('ignores what it cannot read: a malformed time, a to before from', () => {
    assert.equal(parseView('?from=yesterday', now).window.fromMs, Date.UTC(2026, 10, 30));
    assert.deepEqual(parseView('?from=2026-06-02&to=2026-06-01', now).window, { fromMs: Date.UTC(2026, 5, 2), toMs: Date.UTC(2026, 5, 3) });
  });

  it('keeps best match first only with a text to rank by, and drops it when the search is cleared', () => {
    assert.equal(parseView('?from=2026-06-01&order=relevance', now).order, 'time');
    assert.equal(parseView('?from=2026-06-01&q=+&order=relevance', now).order, 'time');
    assert.equal(parseView('?from=2026-06-01&q=design&order=sideways', now).order, 'time');
    const ranked = parseView('?from=2026-06-01&q=design&order=relevance', now);
    assert.equal(serializeView(withSearch(ranked, 'review')), '?from=2026-06-01&q=review&order=relevance');
    const cleared = withSearch(ranked, '');
    assert.equal(cleared.order, 'time');
    assert.equal(serializeView(cleared), '?from=2026-06-01');
  });
});
