// An import with a token bound to another device: it stops at the first answer, naming --device and
// the token to use, without saving a cursor, so that a run with the right token imports everything.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAccessToken } from '../db/access-tokens.ts';
import { appleHealthImporter } from '../scripts/import/apple/apple-health.ts';
import { cursorFile } from '../scripts/import/cursor-file.ts';
import { lifestreamClient } from '../scripts/import/lifestream-client.ts';
import { runImport } from '../scripts/import/run-import.ts';
import { fixtureHealthRecords, writeHealthExport } from './fixtures/apple-health.ts';
import { importerLifestream, importTarget } from './import-target.ts';
import { uniqueDevice } from './harness.ts';

describe('an import with a token for another device', () => {
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
});
