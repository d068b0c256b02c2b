import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoCommandFor, emptyStateOf } from './empty-state.ts';

const june1 = { fromMs: Date.UTC(2026, 5, 1), toMs: Date.UTC(2026, 5, 2) };
const unfiltered = { window: june1, text: '', kinds: [], devices: [] };

describe('empty state', () => {
  it('offers the demo command with its date and the admin token it needs when the window holds nothing', () => {
    const state = emptyStateOf(unfiltered);
    assert.equal(state.reason, 'no-events');
    assert.equal(state.reason === 'no-events' && state.demoCommand, 'npm run demo -- day --date 2026-06-01 --token <admin token>');
  });

  it('names the search that matched nothing and suggests a wider window or clearing it, not the demo', () => {
    const state = emptyStateOf({ ...unfiltered, text: 'wombat' });
    assert.equal(state.reason, 'no-matches');
    assert.match(state.message, /No matches for “wombat” in this window\. Zoom out or move in time .* or clear the search\./);
    assert.doesNotMatch(state.message, /demo/);
  });

  it('says the chosen kinds or devices match nothing', () => {
    assert.match(emptyStateOf({ ...unfiltered, kinds: ['SLEEP'] }).message, /No events of the chosen kinds in this window\..*clear the filters/);
    assert.match(emptyStateOf({ ...unfiltered, kinds: ['SLEEP'], devices: ['ring'] }).message, /chosen kinds and devices/);
    assert.match(emptyStateOf({ ...unfiltered, devices: ['ring'], text: 'x' }).message, /No matches for “x” among the chosen devices.*clear the search and filters/);
  });

  it('takes the demo day from the middle of the window', () => {
    assert.match(demoCommandFor({ fromMs: Date.UTC(2026, 5, 1, 20), toMs: Date.UTC(2026, 5, 2, 8) }), /--date 2026-06-02 /);
  });
});
