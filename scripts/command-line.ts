// How a command-line program fails: one line on stderr, the program's name, what failed and why (an
// error's causes after it), and exit status 1. No stack: the line is for whoever typed the command.
import type { Command } from 'commander';

/** An error and its causes as one line: "fetch failed: connect ECONNREFUSED 127.0.0.1:4000". */
export function failureLine(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error; at !== undefined && parts.length < 5; at = at instanceof Error ? at.cause : undefined) {
    // An AggregateError (every address of a host refused) says nothing itself; its first error does.
    const shown = at instanceof AggregateError && !at.message && at.errors.length > 0 ? at.errors[0] : at;
    const text = (shown instanceof Error ? shown.message : String(shown)).split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(': ') || 'failed without saying why';
}

/** Runs the program; a failure prints its one line and exits 1. */
export async function runCommandLine(program: Command): Promise<void> {
  try {
    await program.parseAsync();
  } catch (error) {
    console.error(`${program.name()}: ${failureLine(error)}`);
    process.exit(1);
  }
}
