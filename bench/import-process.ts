// The import process of bench:import: an importer run as `npm run import` runs it, in a process of
// its own as the CLI is beside a Lifestream. It says when it is loaded, imports when told, and
// reports what it sent, so the clock runs over the import alone (see import.ts).
import { cursorFile } from '../scripts/import/cursor-file.ts';
import { lifestreamClient } from '../scripts/import/lifestream-client.ts';
import { runImport } from '../scripts/import/run-import.ts';
import type { Failed } from './child-answer.ts';
import { importPaths } from './import-paths.ts';

/** What one run imports, and where to. */
export interface ImportRun {
  path: number;
  file: string;
  url: string;
  token: string;
  deviceId: string;
  stateDir: string;
  batch: number;
  inFlight: number;
}

export type ImportReply = { ready: true } | { sent: number; skipped: number } | Failed;

const reply = (message: ImportReply) => process.send!(message);

process.on('message', (run: ImportRun) => {
  const importer = importPaths[run.path]!.importer(run.file);
  const client = lifestreamClient({ url: run.url, token: run.token, deviceId: run.deviceId });
  runImport(importer, { client, cursor: cursorFile(run.stateDir, importer.cursorKey), batchSize: run.batch, inFlight: run.inFlight }).then(
    (report) => reply({ sent: report.sent, skipped: report.skipped.length }),
    (error: unknown) => reply({ failed: error instanceof Error ? error.message : String(error) }),
  );
});
reply({ ready: true });
