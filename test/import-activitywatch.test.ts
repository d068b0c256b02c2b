// The ActivityWatch importer end to end: an export's window, AFK, input and browser buckets into
// appFocus, inputActivity and webVisit through the GraphQL API, the bus and persistence, streamed;
// a re-run that adds nothing, an interrupted import that resumes, an export written again at the
// same path read from its start, malformed events reported and skipped, what has no kind counted.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { activityWatchImporter } from '../scripts/import/activitywatch/activitywatch-export.ts';
import { afkBucket, fixtureWindowEvents, inputBucket, webBucket, windowBucket, writeActivityWatchExport } from './fixtures/activitywatch-export.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-activitywatch-'));
const focusFields = '... on AppFocus { appName action windowTitle }';
const inputFields = '... on InputActivity { intervalS keystrokes mouseClicks }';
const visitFields = '... on WebVisit { url title durationMs browser }';

describe('ActivityWatch importer', () => {
  const lifestream = importerLifestream();

  it('imports window, AFK, input and browser events at their times, and reports what it skipped', async () => {
    const target = await importTarget(lifestream(), 'activitywatch');
    const path = join(work, 'aw-buckets-export.json');
    writeActivityWatchExport(path, [
      windowBucket([
        { timestamp: '2024-06-01T07:00:00.000000+00:00', duration: 120.5, data: { app: 'Firefox', title: 'Inbox' } },
        { timestamp: '2024-06-01T07:02:00.500Z', duration: 60, data: { app: 'Code', title: 'run-import.ts' } },
        { timestamp: '2024-06-01T09:03:00+02:00', duration: 30, data: { app: 'Terminal', title: 'npm test' } },
        { timestamp: '2024-06-01T07:04:00+00:00', duration: 5, data: { title: 'no app' } },
        { timestamp: 'yesterday', duration: 5, data: { app: 'Clock' } },
      ]),
      afkBucket([
        { timestamp: '2024-06-01T07:00:00+00:00', duration: 600, data: { status: 'not-afk' } },
        { timestamp: '2024-06-01T07:10:00+00:00', duration: 5400, data: { status: 'afk' } },
      ]),
      inputBucket([{ timestamp: '2024-06-01T07:00:00+00:00', duration: 1, data: { presses: 5, clicks: 2, deltaX: 40, deltaY: 3, scrollX: 0, scrollY: 1 } }]),
      webBucket([
        { timestamp: '2024-06-01T07:00:10+00:00', duration: 30.25, data: { url: 'https://example.org/a', title: 'A page', audible: false, incognito: false, tabCount: 3 } },
        { timestamp: '2024-06-01T07:00:40+00:00', duration: 4, data: { url: 'chrome://newtab/', title: 'New Tab', audible: false, incognito: false, tabCount: 3 } },
      ]),
      { id: 'aw-watcher-vscode_laptop', type: 'app.editor.activity', client: 'aw-watcher-vscode', events: [{ timestamp: '2024-06-01T07:02:00+00:00', duration: 60, data: { file: 'run-import.ts', project: 'lifestream', language: 'typescript' } }] },
    ]);
    const report = await target.run(activityWatchImporter(path));
    assert.equal(report.sent, 7);
    assert.deepEqual(report.skipped, [
      // Written newest first: the fifth window event is the export's first.
      { where: `${path} bucket aw-watcher-window_laptop event 0`, reason: 'timestamp Invalid ISO datetime' },
      { where: `${path} bucket aw-watcher-window_laptop event 1`, reason: 'app is required' },
      { where: `${path} bucket aw-watcher-afk_laptop`, reason: '1 not-afk periods (input of unknown amount): not mapped' },
      { where: `${path} bucket aw-watcher-web-chrome_laptop`, reason: '1 visits to chrome: pages (webVisit holds http(s) pages only): not mapped' },
      { where: `${path} bucket aw-watcher-vscode_laptop`, reason: '1 events of type app.editor.activity (no Lifestream kind holds them yet): not mapped' },
    ]);
    const focus = await target.timeline('APP_FOCUS', 3, focusFields);
    assert.deepEqual(focus.map((e) => [e.time, e.appName, e.action, e.windowTitle]), [
      ['2024-06-01T07:00:00.000Z', 'Firefox', 'FOCUSED', 'Inbox'],
      ['2024-06-01T07:02:00.500Z', 'Code', 'FOCUSED', 'run-import.ts'],
      ['2024-06-01T07:03:00.000Z', 'Terminal', 'FOCUSED', 'npm test'],
    ]);
    const input = await target.timeline('INPUT_ACTIVITY', 3, inputFields);
    assert.deepEqual(input.map((e) => [e.time, e.intervalS, e.keystrokes, e.mouseClicks]), [
      ['2024-06-01T07:00:01.000Z', 1, 5, 2],
      ['2024-06-01T08:10:00.000Z', 3600, 0, 0],
      ['2024-06-01T08:40:00.000Z', 1800, 0, 0],
    ]);
    const visits = await target.timeline('WEB_VISIT', 1, visitFields);
    assert.deepEqual(visits.map((e) => [e.time, e.url, e.title, e.durationMs, e.browser]), [['2024-06-01T07:00:10.000Z', 'https://example.org/a', 'A page', 30_250, 'Chrome']]);
    assert.equal((await target.run(activityWatchImporter(path))).sent, 0, 'a re-run sends nothing');
  });

  it('an interrupted import resumes without gaps or duplicates, and an export written again is read from its start', async () => {
    const target = await importTarget(lifestream(), 'activitywatch-resume');
    const path = join(work, 'resume.json');
    writeActivityWatchExport(path, [windowBucket(fixtureWindowEvents(20, target.deviceId))]);
    await assert.rejects(target.run(activityWatchImporter(path), { client: clientLostAfter(target.client, 1), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(activityWatchImporter(path), { batchSize: 3 });
    assert.ok(resumed.resumedFrom);
    assert.equal(resumed.sent, 17);
    await target.timeline('APP_FOCUS', 20, focusFields);
    assert.equal(await target.rowCount('app_focus'), 20);
    // A newer export at the same path holds the older events after the new ones (newest first).
    writeActivityWatchExport(path, [windowBucket(fixtureWindowEvents(22, target.deviceId))]);
    assert.equal((await target.run(activityWatchImporter(path))).sent, 22);
    await target.timeline('APP_FOCUS', 22, focusFields);
    assert.equal(await target.rowCount('app_focus'), 22);
  });

  it('refuses a JSON file that is no export, and one that is no JSON, naming them', async () => {
    const target = await importTarget(lifestream(), 'activitywatch-wrong');
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ something: [1] }));
    await assert.rejects(target.run(activityWatchImporter(other)), /other\.json holds no "buckets": is it an ActivityWatch export/);
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"buckets": {"a": {"type": "afkstatus", "events": [ {,} ]}}}');
    await assert.rejects(target.run(activityWatchImporter(broken)), /broken\.json is not valid JSON/);
  });
});
