// Ending a worker thread of this process from outside, as a crash would, through the inspector (as a
// debugger attaches to it): the code under test has no hook for it.
import { Session } from 'node:inspector/promises';

interface AttachedWorker {
  sessionId: string;
  workerInfo: { title: string };
}

/**
 * Arms the worker thread named `name` (its Worker's name option) to exit with exitCode when told,
 * and resolves with the telling: the thread exits at once, whatever it is doing. The inspector is
 * detached before then: a thread that exits with a debugger attached can take Node 20 down with it.
 */
export async function armWorkerThreadExit(name: string, exitCode: number): Promise<() => void> {
  const channelName = `exit ${name} ${Math.random()}`;
  const session = new Session();
  session.connect();
  try {
    const attached = new Promise<AttachedWorker>((resolve) =>
      session.on('NodeWorker.attachedToWorker', ({ params }: { params: AttachedWorker }) => {
        if (params.workerInfo.title.endsWith(` ${name}`)) resolve(params);
      }),
    );
    await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const worker = await Promise.race([attached, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no worker thread named "${name}" in this process`)), 10_000).unref())]);
    const evaluated = new Promise<void>((resolve) =>
      session.on('NodeWorker.receivedMessageFromWorker', ({ params }: { params: { sessionId: string; message: string } }) => {
        if (params.sessionId === worker.sessionId && (JSON.parse(params.message) as { id?: number }).id === 1) resolve();
      }),
    );
    const expression = `{ const channel = new BroadcastChannel(${JSON.stringify(channelName)}); channel.onmessage = () => process.exit(${exitCode}); }`;
    await session.post('NodeWorker.sendMessageToWorker', { sessionId: worker.sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression } }) });
    await evaluated;
    await session.post('NodeWorker.detach', { sessionId: worker.sessionId });
  } finally {
    session.disconnect();
  }
  return () => {
    const channel = new BroadcastChannel(channelName);
    channel.postMessage('exit');
    channel.close();
  };
}
