// The Chrome Takeout history importer end to end: BrowserHistory.json into webVisit through the
// GraphQL API, the bus and persistence; a re-run that adds nothing, an interrupted import that
// resumes, a newer Takeout at the same path read from its start, a malformed visit and a refused URL
// reported and skipped.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chromeTakeoutImporter } from '../scripts/import/google/chrome-history.ts';
import { fixtureVisits, writeBrowserHistory } from './fixtures/chrome-takeout.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-chrome-'));
const visitFields = '... on WebVisit { url title browser }';

describe('Chrome Takeout history importer', () => {
  const lifestream = importerLifestream();

  it('imports visits at their times, and reports a malformed visit and a refused URL', async () => {
    const target = await importTarget(lifestream(), 'chrome');
    const path = join(work, 'BrowserHistory.json');
    const visits = fixtureVisits(3, target.deviceId);
    writeBrowserHistory(path, [visits[0], { url: 'https://example.org/no-time', title: 'No time' }, visits[1], { ...visits[2], url: 'not a url at all' }, visits[2]]);
    const report = await target.run(chromeTakeoutImporter(path));
    assert.equal(report.sent, 3);
    assert.equal(report.skipped.length, 2);
    assert.deepEqual(report.skipped[0], { where: `${path} visit 2`, reason: 'time_usec is required' });
    assert.match(report.skipped[1]!.reason, /^refused by Lifestream: url .*\(INVALID_FIELD\)$/);
    const events = await target.timeline('WEB_VISIT', 3, visitFields);
    assert.deepEqual(events.map((e) => [e.time, e.url, e.title, e.browser]), visits.map((v, i) => [`2023-09-01T10:0${i}:00.000Z`, v.url, v.title, 'Chrome']));
  });

  it('a re-run sends nothing, and an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'chrome-resume');
    const path = join(work, 'resume.json');
    writeBrowserHistory(path, fixtureVisits(10, target.deviceId));
    await assert.rejects(target.run(chromeTakeoutImporter(path), { client: clientLostAfter(target.client, 1), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(chromeTakeoutImporter(path), { batchSize: 3 });
    assert.equal(resumed.sent, 7);
    await target.timeline('WEB_VISIT', 10, visitFields);
    assert.equal(await target.rowCount('web_visit'), 10);
    assert.equal((await target.run(chromeTakeoutImporter(path))).sent, 0);
    // A newer Takeout at the same path, a visit before the old ones: nothing skipped by the old cursor.
    writeBrowserHistory(path, [{ ...fixtureVisits(1, `${target.deviceId}-earlier`)[0], time_usec: Date.UTC(2023, 7, 31) * 1000 }, ...fixtureVisits(10, target.deviceId)]);
    assert.equal((await target.run(chromeTakeoutImporter(path))).sent, 11);
    await target.timeline('WEB_VISIT', 11, visitFields);
    assert.equal(await target.rowCount('web_visit'), 11);
  });
});
