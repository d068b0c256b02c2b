// The browser history database importers end to end: Chrome's History and Firefox's places.sqlite
// into webVisit through the GraphQL API, the bus and persistence, read while the browser holds the
// file (an exclusive lock, visits still in the -wal) without creating anything beside it; a re-run
// that adds nothing and a later run that adds only new visits, an interrupted import that resumes,
// malformed visits reported and skipped.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { chromiumHistoryImporter } from '../scripts/import/browser/chromium-history.ts';
import { firefoxPlacesImporter } from '../scripts/import/browser/firefox-places.ts';
import { fixtureBrowserVisits, runningChrome, runningFirefox } from './fixtures/browser-history.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-browser-'));
const visitFields = '... on WebVisit { url title browser durationMs referrer }';
const profile = (name: string) => {
  const folder = join(work, name);
  mkdirSync(folder);
  return folder;
};

describe('browser history database importers', () => {
  const lifestream = importerLifestream();

  it("imports Chrome's History while Chrome holds it locked, at its times, and reports what it skipped", async () => {
    const target = await importTarget(lifestream(), 'chrome-db');
    const folder = profile('chrome');
    const path = join(folder, 'History');
    const chrome = runningChrome(path);
    const [first, second, third] = fixtureBrowserVisits(3, target.deviceId);
    chrome.visit([
      { ...first!, durationMs: 61_500 },
      { url: 'chrome://newtab/', title: 'New Tab', at: new Date(Date.UTC(2024, 2, 30, 22, 1)) },
      { ...second!, fromVisit: 0 },
      { url: 'file:///home/me/notes.html', at: new Date(Date.UTC(2024, 2, 30, 22, 1, 30)) },
      { ...third!, durationMs: 3 * 86_400_000 },
      // An ad frame the page loaded: AUTO_SUBFRAME with CHAIN_START | CHAIN_END.
      { url: 'https://ads.example.net/frame', at: new Date(Date.UTC(2024, 2, 30, 22, 2, 5)), transition: 0x30000003 },
    ]);
    chrome.db.prepare("INSERT INTO visits (url, visit_time, from_visit, transition, visit_duration) VALUES (999, 13356000000000000, 0, 0, 0)").run();
    assert.throws(() => new Database(path, { readonly: true }).prepare('SELECT count(*) FROM visits').get(), /locked/, 'the fixture holds the lock a running Chrome holds');
    const filesBefore = readdirSync(folder).sort();

    const report = await target.run(chromiumHistoryImporter(path));
    assert.equal(report.sent, 3);
    assert.deepEqual(report.skipped, [
      { where: `${path} visit 7`, reason: 'its page is not in the history (the visit names a page id that no row has)' },
      { where: path, reason: '1 visits to chrome: pages (webVisit holds http(s) pages only): not mapped' },
      { where: path, reason: '1 visits to file: pages (webVisit holds http(s) pages only): not mapped' },
      { where: path, reason: '1 navigations inside a frame of a page (subframe transitions): not mapped' },
    ]);
    assert.deepEqual(readdirSync(folder).sort(), filesBefore, 'nothing is created beside the browser\'s file');
    const events = await target.timeline('WEB_VISIT', 3, visitFields);
    assert.deepEqual(
      events.map((e) => [e.time, e.url, e.title, e.browser, e.durationMs ?? null, e.referrer ?? null]),
      [
        ['2024-03-30T22:00:00.000Z', first!.url, first!.title, 'Chrome', 61_500, null],
        ['2024-03-30T22:01:00.000Z', second!.url, second!.title, 'Chrome', null, first!.url],
        ['2024-03-30T22:02:00.000Z', third!.url, third!.title, 'Chrome', null, null],
      ],
    );

    chrome.visit(fixtureBrowserVisits(2, `${target.deviceId}-later`, Date.UTC(2024, 3, 1, 8, 0)));
    assert.equal((await target.run(chromiumHistoryImporter(path))).sent, 2, 'a later run sends only the visits added since');
    assert.equal((await target.run(chromiumHistoryImporter(path))).sent, 0);
    await target.timeline('WEB_VISIT', 5, visitFields);
    chrome.quit();
  });

  it("imports Firefox's places.sqlite with its latest visits still in the -wal, creating nothing beside it", async () => {
    const target = await importTarget(lifestream(), 'firefox-db');
    const folder = profile('firefox');
    const path = join(folder, 'places.sqlite');
    const firefox = runningFirefox(path);
    const visits = fixtureBrowserVisits(3, target.deviceId, Date.UTC(2024, 9, 27, 0, 30));
    firefox.visit([
      visits[0]!,
      { ...visits[1]!, fromVisit: 0 },
      { url: 'about:preferences', at: new Date(Date.UTC(2024, 9, 27, 0, 31, 30)) },
      visits[2]!,
      { url: 'https://example.org/report.pdf', at: new Date(Date.UTC(2024, 9, 27, 0, 32, 30)), transition: 7 },
    ]);
    firefox.db.prepare('INSERT INTO moz_historyvisits (from_visit, place_id, visit_date, visit_type) VALUES (0, 1, NULL, 1)').run();
    const filesBefore = readdirSync(folder).sort();
    assert.ok(filesBefore.includes('places.sqlite-wal'), 'the visits are in the -wal, not yet in the file');

    const report = await target.run(firefoxPlacesImporter(path));
    assert.equal(report.sent, 3);
    assert.deepEqual(report.skipped, [
      { where: `${path} visit 6`, reason: 'its time (null) is missing or lies before 1970' },
      { where: path, reason: '1 visits to about: pages (webVisit holds http(s) pages only): not mapped' },
      { where: path, reason: '1 downloads (TRANSITION_DOWNLOAD): not mapped' },
    ]);
    assert.deepEqual(readdirSync(folder).sort(), filesBefore);
    const events = await target.timeline('WEB_VISIT', 3, visitFields);
    assert.deepEqual(
      events.map((e) => [e.time, e.url, e.browser, e.referrer ?? null]),
      [
        ['2024-10-27T00:30:00.000Z', visits[0]!.url, 'Firefox', null],
        ['2024-10-27T00:31:00.000Z', visits[1]!.url, 'Firefox', visits[0]!.url],
        ['2024-10-27T00:32:00.000Z', visits[2]!.url, 'Firefox', null],
      ],
    );
    assert.equal((await target.run(firefoxPlacesImporter(path))).sent, 0);
    firefox.quit();
  });

  it('an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'firefox-resume');
    const path = join(profile('firefox-resume'), 'places.sqlite');
    const firefox = runningFirefox(path);
    firefox.visit(fixtureBrowserVisits(10, target.deviceId));
    await assert.rejects(target.run(firefoxPlacesImporter(path), { client: clientLostAfter(target.client, 1), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(firefoxPlacesImporter(path), { batchSize: 3 });
    assert.deepEqual(resumed.resumedFrom, { visitId: 3 });
    assert.equal(resumed.sent, 7);
    await target.timeline('WEB_VISIT', 10, visitFields);
    assert.equal(await target.rowCount('web_visit'), 10);
    firefox.quit();
  });

  it('refuses a file of another browser, and one that is no database, naming them', async () => {
    const target = await importTarget(lifestream(), 'browser-wrong');
    const places = join(profile('wrong'), 'places.sqlite');
    runningFirefox(places).quit();
    await assert.rejects(target.run(chromiumHistoryImporter(places)), /places\.sqlite has no urls or visits table: is it a Chromium browser's History file\?/);
    const text = join(work, 'wrong', 'History');
    writeFileSync(text, 'not a database, only text that is long enough to be read as a header by SQLite '.repeat(20));
    await assert.rejects(target.run(chromiumHistoryImporter(text)), /History is not an SQLite database/);
    await assert.rejects(target.run(firefoxPlacesImporter(join(work, 'nowhere.sqlite'))), /nowhere\.sqlite does not exist/);
  });
});
