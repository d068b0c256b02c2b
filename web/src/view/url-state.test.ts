import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseView, serializeView } from './url-state.ts';

process.env.TZ = 'UTC';
const now = Date.UTC(2026, 10, 30, 7, 45);

describe('view in the URL', () => {
  it('opens on today with everything shown when the URL says nothing', () => {
    assert.deepEqual(parseView('', now), {
      window: { fromMs: Date.UTC(2026, 10, 30), toMs: Date.UTC(2026, 11, 1) },
      kinds: [],
      devices: [],
      text: '',
      live: false,
      event: null,
      lanes: 'lane',
    });
  });

  it('round-trips every setting, a whole day written as its date', () => {
    const search = '?from=2026-06-01&kinds=HEART_RATE,STEPS&devices=watch,phone&q=design+review&live=1&event=ev-1&lanes=device';
    const view = parseView(search, now);
    assert.deepEqual(view.window, { fromMs: Date.UTC(2026, 5, 1), toMs: Date.UTC(2026, 5, 2) });
    assert.equal(view.text, 'design review');
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
});
