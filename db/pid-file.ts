// Whether a PID file's process still runs. A PID alone is not enough: after a crash and a reboot the
// PID may belong to anything else, and trusting it blocks every restart. Where /proc tells, the
// process must be the same one (its start time) or run the expected command.
import { readFileSync } from 'node:fs';

const procfs = (pid: number, file: string): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

/** When the process started, in clock ticks since boot (/proc/<pid>/stat field 22); undefined without /proc. */
export function startTicksOf(pid: number): string | undefined {
  const stat = procfs(pid, 'stat');
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The process's command line, arguments joined by spaces; undefined without /proc or once it is gone. */
export function commandLineOf(pid: number): string | undefined {
  return procfs(pid, 'cmdline')?.split('\0').join(' ').trim();
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // Alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PidFileProcess {
  pid: number;
  /** The start time the PID file recorded (startTicksOf), if it did. */
  startTicks?: string;
  /** A text the process's command line must hold, for PID files that record no start time. */
  commandIncludes?: string;
}

/** Whether the process a PID file names still runs: the PID alive and, where /proc tells, the same process. */
export function stillRunning({ pid, startTicks, commandIncludes }: PidFileProcess): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !pidExists(pid)) return false;
  const ticks = startTicksOf(pid);
  // No /proc (macOS): the PID is all there is to go on.
  if (ticks === undefined) return true;
  if (startTicks !== undefined) return startTicks === ticks;
  return commandIncludes === undefined || (commandLineOf(pid) ?? '').includes(commandIncludes);
}
