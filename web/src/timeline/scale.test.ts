import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignToBuckets, axisTicks, bucketSecondsFor, centredOn, maxSpanMs, minSpanMs, panByPixels, pinchZoom, timeToX, xToTime, zoomAt, zoomLevelName, zoomStep } from './scale.ts';

process.env.TZ = 'UTC';
const day = { fromMs: Date.UTC(2026, 5, 2), toMs: Date.UTC(2026, 5, 3) };
const hourMs = 3_600_000;

describe('timeline scale', () => {
  it('maps time to x and back across the width', () => {
    assert.equal(timeToX(day, 1200, day.fromMs), 0);
    assert.equal(timeToX(day, 1200, day.fromMs + 12 * hourMs), 600);
    assert.equal(xToTime(day, 1200, 300), day.fromMs + 6 * hourMs);
    for (const x of [0, 1, 417.5, 1200]) assert.ok(Math.abs(timeToX(day, 1200, xToTime(day, 1200, x)) - x) < 1e-9);
  });

  it('zooms around the pointer, keeping the time under it in place', () => {
    const anchor = day.fromMs + 18 * hourMs;
    const zoomed = zoomAt(day, anchor, 0.5);
    assert.equal(zoomed.toMs - zoomed.fromMs, 12 * hourMs);
    assert.equal(timeToX(zoomed, 1200, anchor), timeToX(day, 1200, anchor));
  });

  it('zooms no further in than minutes nor out than years', () => {
    const tiny = zoomAt(day, day.fromMs, 1e-9);
    assert.equal(tiny.toMs - tiny.fromMs, minSpanMs);
    const huge = zoomAt(day, day.fromMs, 1e9);
    assert.equal(huge.toMs - huge.fromMs, maxSpanMs);
  });

  it('steps through the zoom levels from years to minutes with the buttons', () => {
    let w = centredOn(day.fromMs, maxSpanMs);
    const names = [zoomLevelName(w)];
    for (let i = 0; i < 12; i++) names.push(zoomLevelName((w = zoomStep(w, 1))));
    assert.deepEqual(names.slice(0, 10), ['10 years', 'year', 'quarter', 'month', 'week', 'day', '6 hours', 'hour', '15 minutes', '5 minutes']);
    assert.equal(names.at(-1), '5 minutes', 'no further in than the last level');
    assert.equal(zoomLevelName(zoomStep(day, -1)), 'week');
    const centre = (w: { fromMs: number; toMs: number }) => (w.fromMs + w.toMs) / 2;
    assert.equal(centre(zoomStep(day, 1)), centre(day), 'zooms around the centre');
  });

  it('pinches: fingers spread to twice their distance halve the span around the point between them', () => {
    const spread = pinchZoom(day, 1200, 300, 100, 200);
    assert.equal(spread.toMs - spread.fromMs, 12 * hourMs);
    assert.equal(timeToX(spread, 1200, xToTime(day, 1200, 300)), 300);
    const pinched = pinchZoom(day, 1200, 600, 200, 100);
    assert.equal(pinched.toMs - pinched.fromMs, 48 * hourMs);
  });

  it('pans by dragging: right goes back in time by the share of the width', () => {
    assert.deepEqual(panByPixels(day, 300, 1200), { fromMs: day.fromMs - 6 * hourMs, toMs: day.toMs - 6 * hourMs });
  });

  it('chooses round ticks about every 110 px with labels for the zoom level', () => {
    const ticks = axisTicks(day, 1200);
    assert.ok(ticks.length >= 6 && ticks.length <= 13, `${ticks.length} ticks`);
    assert.ok(ticks.every((t) => t.timeMs % hourMs === 0 && t.x >= 0 && t.x <= 1200));
    assert.equal(ticks[0]!.label, 'Tue 02', 'midnight is labelled with the day');
    assert.match(ticks[1]!.label, /^\d\d? (AM|PM)$/);
    const quarterHour = axisTicks({ fromMs: day.fromMs + 10 * hourMs, toMs: day.fromMs + 10 * hourMs + 15 * 60_000 }, 1200);
    assert.equal(quarterHour[0]!.label, '10 AM');
    assert.ok(quarterHour.slice(1).every((t) => /^10:\d\d$/.test(t.label)), quarterHour.map((t) => t.label).join());
  });

  it('asks for the finest bucket that keeps a few pixels each, within the server cap', () => {
    assert.equal(bucketSecondsFor(day, 1200), 300, 'a day over 1200 px: 5-minute buckets (288 of them)');
    assert.equal(bucketSecondsFor({ fromMs: day.fromMs, toMs: day.fromMs + hourMs }, 1200), 10);
    assert.equal(bucketSecondsFor({ fromMs: 0, toMs: maxSpanMs }, 1200), 30 * 86400);
    const decade = { fromMs: 0, toMs: maxSpanMs };
    assert.ok((maxSpanMs / 1000) / bucketSecondsFor(decade, 4000) <= 10_000);
  });

  it('aligns the fetched window to whole buckets', () => {
    assert.deepEqual(alignToBuckets({ fromMs: day.fromMs + 61_000, toMs: day.fromMs + 119_000 }, 60), { fromMs: day.fromMs + 60_000, toMs: day.fromMs + 120_000 });
  });
});
