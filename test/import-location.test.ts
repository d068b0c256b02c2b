// The Google location history importer end to end: Records.json and the newer Timeline.json into
// gpsFix through the GraphQL API, the bus and persistence, streamed; a re-run that adds nothing, an
// interrupted import that resumes, malformed items reported and skipped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { locationHistoryImporter } from '../scripts/import/google/location-history.ts';
import { fixtureRecords, timelineRawSignal, timelineSegment, writeRecordsJson, writeTimelineJson } from './fixtures/location-history.ts';
import { startHarness, type Harness } from './harness.ts';
import { clientLostAfter, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-location-'));
const fixFields = '... on GpsFix { latitude longitude accuracyM altitudeM speedMs }';

describe('Google location history importer', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.startPersistence();
  });
  after(() => h.close());

  it('imports Records.json in both timestamp forms, and reports malformed records and refused fixes', async () => {
    const target = await importTarget(h, 'records');
    const path = join(work, 'Records.json');
    const records = fixtureRecords(4, 0);
    writeRecordsJson(path, [...records.slice(0, 2), { longitudeE7: 1, timestamp: '2022-01-12T18:00:00Z' }, { latitudeE7: 4_294_967_296 - 338_688_000, longitudeE7: 1_512_093_000, timestamp: '2022-01-12T18:01:00Z' }, { latitudeE7: 950_000_000, longitudeE7: 0, timestamp: '2022-01-12T18:02:00Z' }, ...records.slice(2)]);
    const report = await target.run(locationHistoryImporter(path));
    assert.equal(report.sent, 5);
    assert.equal(report.skipped[0]!.where, `${path} locations item 3`);
    assert.match(report.skipped[1]!.where, /^gpsFix [0-9a-f-]{36} at 2022-01-12T18:02:00\.000Z$/);
    assert.equal(report.skipped[0]!.reason, 'latitudeE7 Invalid input: expected number, received undefined');
    assert.match(report.skipped[1]!.reason, /^refused by Lifestream: event \d+ \(gpsFix\): latitude must be -90–90, got 95 \(INVALID_FIELD\)$/);
    const fixes = await target.timeline('GPS_FIX', 5, fixFields);
    assert.deepEqual(fixes.map((f) => [f.time, f.latitude, f.longitude]), [
      ['2022-01-12T17:00:00.000Z', 48.1371, 11.5754],
      ['2022-01-12T17:01:00.000Z', 48.13711, 11.5754],
      ['2022-01-12T17:02:00.000Z', 48.13712, 11.5754],
      ['2022-01-12T17:03:00.000Z', 48.13713, 11.5754],
      ['2022-01-12T18:01:00.000Z', -33.8688, 151.2093],
    ]);
    assert.equal(fixes[0]!.accuracyM, 12);
    assert.equal(fixes[0]!.altitudeM, 519);
  });

  it('imports the Timeline export: path points and raw signals at their instants, offsets applied', async () => {
    const target = await importTarget(h, 'timeline');
    const path = join(work, 'Timeline.json');
    writeTimelineJson(path, { semanticSegments: [timelineSegment, { startTime: 'x', timelinePath: [{ point: 'somewhere', time: '2024-06-01T09:00:00+02:00' }] }], rawSignals: [timelineRawSignal, { activityRecord: {} }] });
    const report = await target.run(locationHistoryImporter(path));
    assert.equal(report.sent, 3);
    assert.deepEqual(report.skipped.map((s) => s.reason), ['timelinePath.0: point must be "<lat>°, <lng>°"']);
    const fixes = await target.timeline('GPS_FIX', 3, fixFields);
    assert.deepEqual(fixes.map((f) => [f.time, f.latitude, f.longitude, f.speedMs ?? null]), [
      ['2024-06-01T06:00:00.000Z', 48.1371, 11.5754, null],
      ['2024-06-01T06:30:00.000Z', 48.14, 11.58, null],
      ['2024-06-01T23:15:00.000Z', -33.8688, 151.2093, 1.5],
    ]);
  });

  it('a re-run sends nothing, and an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(h, 'records-resume');
    const path = join(work, 'resume.json');
    // Fixes of their own: an id comes from time and position alone.
    writeRecordsJson(path, fixtureRecords(20, 300));
    await assert.rejects(target.run(locationHistoryImporter(path), { client: clientLostAfter(target.client, 2), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(locationHistoryImporter(path), { batchSize: 3 });
    assert.ok(resumed.resumedFrom);
    assert.equal(resumed.sent, 14);
    await target.timeline('GPS_FIX', 20, fixFields);
    assert.equal(await target.rowCount('gps_fix'), 20);
    assert.equal((await target.run(locationHistoryImporter(path))).sent, 0);
  });

  it('refuses a JSON file that is no location history, and one that is no JSON, naming them', async () => {
    const target = await importTarget(h, 'location-wrong');
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ something: [1, 2] }));
    await assert.rejects(target.run(locationHistoryImporter(other)), /other\.json holds no "locations", "semanticSegments" or "rawSignals"/);
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"locations": [ {"latitudeE7": 1,, } ]');
    await assert.rejects(target.run(locationHistoryImporter(broken)), /broken\.json is not valid JSON/);
  });
});
