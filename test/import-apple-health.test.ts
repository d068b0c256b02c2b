// The Apple Health importer end to end: export.xml into heartRate and steps through the GraphQL
// API, the bus and persistence, parsed as a stream; a re-run that adds nothing, an interrupted
// import that resumes, a newer export at the same path read from its start, malformed records
// reported and skipped, unmapped types counted.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { appleHealthImporter } from '../scripts/import/apple/apple-health.ts';
import { fixtureHealthRecords, writeHealthExport } from './fixtures/apple-health.ts';
import { clientLostAfter, importerLifestream, importTarget } from './import-target.ts';

const work = mkdtempSync(join(tmpdir(), 'lifestream-import-health-'));

describe('Apple Health importer', () => {
  const lifestream = importerLifestream();

  it('imports heart rate and steps at their times, reports malformed records and counts unmapped types', async () => {
    const target = await importTarget(lifestream(), 'health');
    const path = join(work, 'export.xml');
    const records = fixtureHealthRecords(10, 15);
    writeHealthExport(path, [
      ...records.slice(0, 3),
      { type: 'HKQuantityTypeIdentifierHeartRate', startDate: 'yesterday', endDate: 'yesterday', value: '70' },
      { type: 'HKQuantityTypeIdentifierBodyMass', startDate: '2024-01-15 08:00:00 +0100', endDate: '2024-01-15 08:00:00 +0100', value: '70', unit: 'kg' },
      ...records.slice(3),
    ]);
    const report = await target.run(appleHealthImporter(path));
    assert.equal(report.sent, 10);
    assert.deepEqual(report.skipped, [
      { where: `${path} Record 4 (HKQuantityTypeIdentifierHeartRate)`, reason: 'its startDate "yesterday" or endDate "yesterday" is not a date such as 2024-01-01 09:00:00 +0100' },
      { where: `${path}: 1 record of type HKQuantityTypeIdentifierBodyMass`, reason: 'no Lifestream kind holds this type yet' },
    ]);
    const beats = await target.timeline('HEART_RATE', 8, '... on HeartRate { bpm }');
    assert.equal(beats[0]!.time, '2024-01-15T08:00:00.000Z');
    assert.equal(beats[7]!.time, '2024-01-15T08:08:00.000Z');
    const steps = await target.timeline('STEPS', 2, '... on Steps { count intervalS }');
    assert.deepEqual(steps.map((s) => [s.time, s.count, s.intervalS]), [['2024-01-15T08:04:00.000Z', 104, 240], ['2024-01-15T08:09:00.000Z', 109, 240]]);
  });

  it('a re-run sends nothing, and an interrupted import resumes without gaps or duplicates', async () => {
    const target = await importTarget(lifestream(), 'health-resume');
    const path = join(work, 'resume.xml');
    writeHealthExport(path, fixtureHealthRecords(20, 16));
    await assert.rejects(target.run(appleHealthImporter(path), { client: clientLostAfter(target.client, 2), batchSize: 3 }), /connection lost/);
    const resumed = await target.run(appleHealthImporter(path), { batchSize: 3 });
    assert.equal(resumed.sent, 14);
    await target.timeline('HEART_RATE', 16, '... on HeartRate { bpm }');
    await target.timeline('STEPS', 4, '... on Steps { count }');
    assert.equal(await target.rowCount('heart_rate') + (await target.rowCount('steps')), 20);
    assert.equal((await target.run(appleHealthImporter(path))).sent, 0);
    // A newer export at the same path, records of the day before first (the Health app groups them
    // by type and date): nothing skipped by the old cursor.
    writeHealthExport(path, [...fixtureHealthRecords(2, 15), ...fixtureHealthRecords(20, 16)]);
    assert.equal((await target.run(appleHealthImporter(path))).sent, 22);
    await target.timeline('HEART_RATE', 18, '... on HeartRate { bpm }');
    assert.equal(await target.rowCount('heart_rate') + (await target.rowCount('steps')), 22);
  });

  it('refuses a file that is not a Health export, and XML that is not well-formed, naming them', async () => {
    const target = await importTarget(lifestream(), 'health-wrong');
    const other = join(work, 'other.xml');
    writeFileSync(other, '<?xml version="1.0"?><gpx><trk/></gpx>');
    await assert.rejects(target.run(appleHealthImporter(other)), /other\.xml has no <HealthData>: is it export\.xml/);
    const broken = join(work, 'broken.xml');
    writeFileSync(broken, '<HealthData><Record type="x" </HealthData>');
    await assert.rejects(target.run(appleHealthImporter(broken)), /broken\.xml is not well-formed XML/);
  });
});
