import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runningPid, settledCommandLine, startDetached, stopDaemon } from './processes.ts';

function reader(answers: (string | undefined)[]): () => string | undefined {
  return () => answers.shift();
}

test('an empty command line is read again: a process caught mid-exec still counts', () => {
  assert.equal(settledCommandLine(reader(['', '', '/usr/sbin/dovecot -c conf']), () => {}), '/usr/sbin/dovecot -c conf');
});

test('a process that is gone answers at once; one that stays empty (a zombie) gives up', () => {
  let pauses = 0;
  assert.equal(settledCommandLine(reader([undefined]), () => (pauses += 1)), '');
  assert.equal(pauses, 0);
  assert.equal(settledCommandLine(() => '', () => (pauses += 1), 5), '');
  assert.equal(pauses, 4);
});

test('a daemon that execs itself while starting is never taken for dead', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifestream-processes-'));
  try {
    const script = join(dir, 'exec-chain.sh');
    // Execs itself hundreds of times, as Dovecot's start does through doveconf, then waits.
    writeFileSync(script, [
      'if [ "$1" = started ]; then while sleep 0.1; do :; done; fi',
      'n=${1:-0}',
      'if [ "$n" -lt 400 ]; then exec /bin/sh "$0" $((n + 1)); fi',
      'exec /bin/sh "$0" started',
    ].join('\n'));
    const daemon = { pidFile: join(dir, 'chain.pid'), commandLineMarker: script };
    const pid = startDetached('/bin/sh', [script], daemon, { outputFile: join(dir, 'out.log'), cwd: dir });
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline) assert.equal(runningPid(daemon), pid);
    await stopDaemon(daemon, 5_000);
    assert.equal(runningPid(daemon), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
