// The Google location history importer end to end: Records.json and the newer Timeline.json into
// gpsFix through the GraphQL API, the bus and persistence, streamed; a re-run that adds nothing, an
// interrupted import that resumes, malformed items reported and skipped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { locationHistoryImporter } from '../scripts/import/google/location-history.ts';
import {
  fixtureRecords,
  iosPathSegments,
  iosSegments,
  timelineActivitySegment,
  timelineMemorySegment,
  timelineRawSignal,
  timelineSegment,
  timelineVisitSegment,
  writeIosTimelineJson,
  writeRecordsJson,
  writeTimelineJson,
} from './fixtures/location-history.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-location-'));
const fixFields = '... on GpsFix { latitude longitude accuracyM altitudeM speedMs }';

describe('Google location history importer', () => {
  const lifestream = importerLifestream();

  it('imports Records.json in both timestamp forms, and reports malformed records and refused fixes', async () => {
    const target = await importTarget(lifestream(), 'records');
    const path = join(work, 'Records.json');
    const records = fixtureRecords(4, 0);
    writeRecordsJson(path, [...records.slice(0, 2), { longitudeE7: 1, timestamp: '2022-01-12T18:00:00Z' }, { latitudeE7: 4_294_967_296 - 338_688_000, longitudeE7: 1_512_093_000, timestamp: '2022-01-12T18:01:00Z' }, { latitudeE7: 950_000_000, longitudeE7: 0, timestamp: '2022-01-12T18:02:00Z' }, ...records.slice(2)]);
    const report = await target.run(locationHistoryImporter(path));
    assert.equal(report.sent, 5);
    assert.equal(report.skipped[0]!.where, `${path} locations item 3`);
    assert.match(report.skipped[1]!.where, /^gpsFix [0-9a-f-]{36} at 2022-01-12T18:02:00\.000Z$/);
    assert.equal(report.skipped[0]!.reason, 'latitudeE7 is required');
    assert.match(report.skipped[1]!.reason, /^refused by Lifestream: latitude must be -90–90, got 95 \(INVALID_FIELD\)$/);
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
    const target = await importTarget(lifestream(), 'timeline');
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

  it("imports the Android Timeline's visits and activities at their start and end, offsets applied", async () => {
    const target = await importTarget(lifestream(), 'timeline-visits');
    const path = join(work, 'Timeline-visits.json');
    const noPlace = { ...timelineVisitSegment, startTime: '2024-06-02T08:00:00.000+02:00', visit: { topCandidate: { placeId: 'x', placeLocation: {} } } };
    writeTimelineJson(path, { semanticSegments: [timelineMemorySegment, timelineVisitSegment, timelineActivitySegment, noPlace], rawSignals: [] });
    const report = await target.run(locationHistoryImporter(path));
    assert.equal(report.sent, 4);
    assert.deepEqual(report.skipped, [{ where: `${path} semanticSegments item 4`, reason: 'visit.topCandidate.placeLocation.latLng is required' }]);
    // The visit's end and the walk's start are one fix: same instant, same place, same id.
    const fixes = await target.timeline('GPS_FIX', 3, fixFields);
    assert.deepEqual(fixes.map((f) => [f.time, f.latitude, f.longitude]), [
      ['2024-06-01T06:00:00.000Z', 48.1371, 11.5754],
      ['2024-06-01T08:00:00.000Z', 48.1371, 11.5754],
      ['2024-06-01T08:30:00.000Z', 48.15, 11.59],
    ]);
  });

  it("imports the iOS Timeline export: visits, activities and path points by their minutes after the segment's start", async () => {
    const target = await importTarget(lifestream(), 'timeline-ios');
    const path = join(work, 'location-history.json');
    const badGeo = { ...iosSegments[0], startTime: '2024-07-06T09:15:00.000-07:00', visit: { topCandidate: { placeLocation: '37.7749,-122.4194' } } };
    const noStart = { endTime: '2024-07-06T10:00:00.000-07:00', timelinePath: [] };
    writeIosTimelineJson(path, [...iosSegments, badGeo, noStart]);
    const report = await target.run(locationHistoryImporter(path));
    assert.equal(report.sent, 7);
    assert.deepEqual(report.skipped, [
      { where: `${path} segment item 5`, reason: 'visit.topCandidate.placeLocation must be "geo:<lat>,<lng>"' },
      { where: `${path} segment item 6`, reason: 'startTime is required' },
    ]);
    const fixes = await target.timeline('GPS_FIX', 5, fixFields);
    assert.deepEqual(fixes.map((f) => [f.time, f.latitude, f.longitude]), [
      ['2024-07-04T16:15:00.000Z', 37.7749, -122.4194],
      ['2024-07-04T18:00:00.000Z', 37.7749, -122.4194],
      ['2024-07-04T18:14:00.000Z', 37.79, -122.39],
      ['2024-07-04T18:38:00.000Z', 37.8, -122.3],
      ['2024-07-04T18:40:00.000Z', 37.8044, -122.2712],
    ]);
    assert.equal((await target.run(locationHistoryImporter(path))).sent, 0, 'a re-run sends nothing');
  });

  it('an interrupted iOS import resumes without gaps or duplicates, and a file exported again is read from its start', async () => {
    const target = await importTarget(lifestream(), 'timeline-ios-resume');
    const path = join(work, 'ios-resume.json');
    writeIosTimelineJson(path, iosPathSegments(10));
    await assert.rejects(target.run(locationHistoryImporter(path), { client: clientLostAfter(target.client, 1), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(locationHistoryImporter(path), { batchSize: 3 });
    assert.equal(resumed.sent, 7);
    const fixes = await target.timeline('GPS_FIX', 10, fixFields);
    assert.deepEqual(fixes.slice(0, 2).map((f) => f.time), ['2024-07-05T15:00:00.000Z', '2024-07-05T16:01:00.000Z']);
    assert.equal(await target.rowCount('gps_fix'), 10);
    // A newer export at the same path, with a day before the old ones: nothing skipped by the old cursor.
    writeIosTimelineJson(path, [{ ...iosPathSegments(1)[0], startTime: '2024-07-04T23:00:00.000-07:00' }, ...iosPathSegments(10)]);
    assert.equal((await target.run(locationHistoryImporter(path))).sent, 11);
    await target.timeline('GPS_FIX', 11, fixFields);
    assert.equal(await target.rowCount('gps_fix'), 11);
  });

  it('a re-run sends nothing, and an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'records-resume');
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
    const target = await importTarget(lifestream(), 'location-wrong');
    const other = join(work, 'other.json');
    writeFileSync(other, JSON.stringify({ something: [1, 2] }));
    await assert.rejects(target.run(locationHistoryImporter(other)), /other\.json holds no "locations", "semanticSegments" or "rawSignals", nor a list of segments/);
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"locations": [ {"latitudeE7": 1,, } ]');
    await assert.rejects(target.run(locationHistoryImporter(broken)), /broken\.json is not valid JSON/);
  });
});
