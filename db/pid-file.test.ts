import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startTicksOf, stillRunning } from './pid-file.ts';

describe('whether a PID file\'s process still runs', () => {
  it('trusts the PID only when it is the same process or runs the expected command', { skip: startTicksOf(process.pid) === undefined && 'no /proc here' }, async () => {
    const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pid = unrelated.pid!;
      const ticks = startTicksOf(pid)!;
      assert.ok(stillRunning({ pid, startTicks: ticks }), 'the very process');
      assert.ok(!stillRunning({ pid, startTicks: String(Number(ticks) - 1) }), 'the PID reused by a later process');
      assert.ok(stillRunning({ pid, commandIncludes: 'sleep' }));
      assert.ok(!stillRunning({ pid, commandIncludes: '/data/postgres/cluster' }), 'not this cluster\'s postgres');
    } finally {
      unrelated.kill();
    }
    assert.ok(!stillRunning({ pid: 0 }));
    assert.ok(!stillRunning({ pid: Number.NaN }));
  });
});
