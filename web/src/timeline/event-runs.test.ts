import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupRuns, shortestRun, type ListRow, type RunEvent } from './event-runs.ts';

const at = (second: number) => new Date(Date.UTC(2026, 5, 1, 9, 0, second)).toISOString();
let made = 0;
const event = (kind: string, deviceId: string, second: number): RunEvent => ({ id: `e${made++}`, kind, deviceId, time: at(second) });
/** `count` fixes of `deviceId` 30 s apart from `fromSecond`. */
const fixes = (count: number, deviceId = 'phone', fromSecond = 0) => Array.from({ length: count }, (_, i) => event('GPS_FIX', deviceId, fromSecond + i * 30));
/** Each row as `KIND×count` for a run, the event's id otherwise. */
const shape = (rows: ListRow<RunEvent>[]) => rows.map((row) => ('run' in row ? `${row.run.kind}×${row.run.events.length}` : row.event.id));

describe('event runs', () => {
  it('lists nothing for no events', () => {
    assert.deepEqual(groupRuns([]), []);
  });

  it('collapses consecutive events of one kind and device into one run with its count and time span', () => {
    const run = fixes(34);
    const rows = groupRuns(run);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.ok(row && 'run' in row);
    assert.deepEqual(row.run, { kind: 'GPS_FIX', deviceId: 'phone', events: run, fromMs: Date.parse(at(0)), toMs: Date.parse(at(33 * 30)) });
  });

  it(`keeps runs shorter than ${shortestRun} as plain rows`, () => {
    const [one, two, three] = [fixes(1), fixes(2, 'phone', 100), fixes(3, 'phone', 200)];
    const ping = event('NOTIFICATION', 'phone', 90);
    const pong = event('NOTIFICATION', 'phone', 190);
    assert.deepEqual(shape(groupRuns([...one, ping, ...two, pong, ...three])), [one[0]!.id, ping.id, two[0]!.id, two[1]!.id, pong.id, 'GPS_FIX×3']);
  });

  it('splits a run where another kind comes between', () => {
    const [before, after] = [fixes(5), fixes(4, 'phone', 200)];
    const ping = event('NOTIFICATION', 'phone', 160);
    assert.deepEqual(shape(groupRuns([...before, ping, ...after])), ['GPS_FIX×5', ping.id, 'GPS_FIX×4']);
  });

  it('splits a run where another device comes between, and keeps each device to its own', () => {
    const [phone, watch, phoneAgain] = [fixes(3, 'phone'), fixes(3, 'watch', 100), fixes(3, 'phone', 200)];
    const rows = groupRuns([...phone, ...watch, ...phoneAgain]);
    assert.deepEqual(
      rows.map((row) => ('run' in row ? [row.run.deviceId, row.run.events.length] : null)),
      [
        ['phone', 3],
        ['watch', 3],
        ['phone', 3],
      ],
    );
  });

  it('grows the last run when the next page continues it, never making two of it', () => {
    const trail = fixes(70);
    const firstPage = groupRuns(trail.slice(0, 50));
    const bothPages = groupRuns(trail);
    assert.deepEqual(shape(firstPage), ['GPS_FIX×50']);
    assert.deepEqual(shape(bothPages), ['GPS_FIX×70']);
    const [grown] = bothPages;
    assert.ok(grown && 'run' in grown);
    assert.equal(grown.run.events[0], trail[0], 'the run still starts where it did');
    assert.equal(grown.run.toMs, Date.parse(at(69 * 30)));
  });

  it('makes a run of a short stretch at the end of a page once the next page lengthens it', () => {
    const ping = event('NOTIFICATION', 'phone', 0);
    const trail = fixes(4, 'phone', 30);
    assert.deepEqual(shape(groupRuns([ping, ...trail.slice(0, 2)])), [ping.id, trail[0]!.id, trail[1]!.id]);
    assert.deepEqual(shape(groupRuns([ping, ...trail])), [ping.id, 'GPS_FIX×4']);
  });

  it('spans from the earliest to the latest event in a list newest first', () => {
    const [row] = groupRuns(fixes(3).reverse());
    assert.ok(row && 'run' in row);
    assert.deepEqual([row.run.fromMs, row.run.toMs], [Date.parse(at(0)), Date.parse(at(60))]);
  });
});
