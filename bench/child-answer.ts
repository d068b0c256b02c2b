// How a benchmark hears from a process it forked (the load generator, the importer): its next
// message, or an error when the process says it failed or exits before it answers.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A message of a forked process that says it failed, and why. */
export interface Failed {
  failed: string;
}

const isFailure = (answer: object): answer is Failed => 'failed' in answer;

/** The process's next message (an Answer, or Failed), which `name` (the load process, the import) names in the errors. */
export async function nextAnswer<Answer extends object>(child: ChildProcess, name: string): Promise<Answer> {
  const [answer] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${name} exited (${String(code)}) before it answered`);
    }),
  ])) as [Answer | Failed];
  if (isFailure(answer)) throw new Error(`${name} failed: ${answer.failed}`);
  return answer;
}
