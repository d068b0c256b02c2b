// Imports the server refuses whole, each stopped at the first answer with the importer's option that
// fixes it: a token bound to another device (--device, or another token; no cursor saved, so that a
// run with the right token imports everything) and batches over the server's limit (--batch-size);
// and a Lifestream that cannot be reached, each retry said and the end naming the address; and a
// path with nothing at it, said in one line before anything is sent.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { createAccessToken } from '../db/access-tokens.ts';
import { appleHealthImporter } from '../scripts/import/apple/apple-health.ts';
import { cursorFile } from '../scripts/import/cursor-file.ts';
import { lifestreamClient } from '../scripts/import/lifestream-client.ts';
import { importedEvent } from '../scripts/import/imported-event.ts';
import { runImport } from '../scripts/import/run-import.ts';
import { fixtureHealthRecords, writeHealthExport } from './fixtures/apple-health.ts';
import { importerLifestream, importTarget } from './import-target.ts';
import { uniqueDevice } from './harness.ts';
import { freePort } from './processes.ts';

describe('imports that stop, saying why and what to change', () => {
  const lifestream = importerLifestream();

  it('stops naming --device and the token to use, saves no cursor, and a run with the right token imports everything', async () => {
    const h = lifestream();
    const target = await importTarget(h, 'device-token');
    const path = join(mkdtempSync(join(tmpdir(), 'lifestream-import-device-')), 'export.xml');
    writeHealthExport(path, fixtureHealthRecords(10, 15));
    const watch = uniqueDevice('watch');
    const { token: watchToken } = await createAccessToken(h.services.store, { name: 'a watch', scope: 'ingest', deviceId: watch });
    const wrongClient = lifestreamClient({ url: h.url, token: watchToken, deviceId: target.deviceId, retries: 0 });
    await assert.rejects(
      runImport(appleHealthImporter(path), { client: wrongClient, cursor: cursorFile(target.stateDir, appleHealthImporter(path).cursorKey), batchSize: 3 }),
      (error: Error) => {
        assert.equal(
          error.message,
          `Lifestream at ${h.url} refused the events of device "${target.deviceId}": deviceId "${target.deviceId}" is not this token's device ("${watch}"); ` +
            "import with --device set to the token's device, or with an ingest token made without --device (npm run cli -- token create --scope ingest --name import). " +
            'Lifestream kept none of them, and the next run starts where this one did',
        );
        return true;
      },
    );
    const report = await target.run(appleHealthImporter(path));
    assert.equal(report.resumedFrom, undefined);
    assert.equal(report.sent, 10);
    assert.deepEqual(report.skipped, []);
    await target.timeline('HEART_RATE', 8, '... on HeartRate { bpm }');
    await target.timeline('STEPS', 2, '... on Steps { count }');
  });

  it('says each retry when Lifestream cannot be reached, and ends naming its address', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const retries: string[] = [];
    const client = lifestreamClient({ url, token: 'lst_x', deviceId: 'import-test', retries: 2, onRetry: (why) => retries.push(why) });
    const event = importedEvent('heartRate', 'unreached', new Date('2024-01-15T08:00:00Z'), { bpm: 60 });
    await assert.rejects(
      client.ingest([event]),
      (error: Error) => error.message === `Lifestream at ${url} cannot be reached: is it running there? (npm start starts it; --url or LIFESTREAM_URL names another)`,
    );
    assert.deepEqual(
      retries.map((why) => why.replace(/\(connect ECONNREFUSED [^)]+\)/, '(connect ECONNREFUSED)')),
      [`${url} not answered (connect ECONNREFUSED); trying again (2 tries left)`, `${url} not answered (connect ECONNREFUSED); trying again (1 try left)`],
    );
  });

  it('names --batch-size when a batch is over the server\'s LIFESTREAM_MAX_BATCH', async () => {
    const target = await importTarget(lifestream(), 'batch-size');
    const path = join(mkdtempSync(join(tmpdir(), 'lifestream-import-batch-')), 'export.xml');
    const at = (second: number) => `${new Date(Date.UTC(2024, 0, 15, 8, 0, second)).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
    writeHealthExport(
      path,
      Array.from({ length: 6000 }, (_, i) => ({ type: 'HKQuantityTypeIdentifierHeartRate', startDate: at(i), endDate: at(i), value: '60', unit: 'count/min' })),
    );
    await assert.rejects(
      target.run(appleHealthImporter(path), { batchSize: 6000 }),
      /refused the import batch: a batch holds at most 5000 events, got 6000; split it \(nothing was accepted\) \(BATCH_TOO_LARGE\); run the import with a smaller --batch-size \(it sent 6000 events\)$/,
    );
  });

  it('says in one line which source has no file at the path given and what to give, instead of ENOENT', { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lifestream-import-missing-'));
    const importCommand = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('../scripts/import.ts', import.meta.url).pathname, '--url', 'http://127.0.0.1:9/graphql', ...args], { env: { ...process.env, LIFESTREAM_TOKEN: 'lst_x' } }).then(
        () => assert.fail(`import ${args.join(' ')} succeeded without its file`),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr.trim() }),
      );
    const missing = join(folder, 'Records.json');
    assert.deepEqual(await importCommand('location', missing), {
      code: 1,
      stderr: `import: location: no file at ${missing}: give the path of your Records.json export (Google Takeout), or the Timeline export from Google Maps on the phone`,
    });
    assert.deepEqual(await importCommand('apple-health', folder), {
      code: 1,
      stderr: `import: apple-health: ${folder} is a folder, not a file: give the path of export.xml in your Apple Health export (apple_health_export/export.xml)`,
    });
  });
});
