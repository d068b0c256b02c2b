// The load process of bench:ingest: told what to send, builds its request bodies and says so, then
// sends them when told, so the clock runs over the sending alone (see ingest-load.ts).
import { mutationBodies, sendAll, type IngestTarget, type LoadCommand, type LoadReport, type MutationBody } from './ingest-load.ts';

let prepared: { target: IngestTarget; bodies: MutationBody[]; concurrency: number } | undefined;
const report = (message: LoadReport) => process.send!(message);

process.on('message', (command: LoadCommand) => {
  if ('prepare' in command) {
    const { url, token, ...plan } = command.prepare;
    prepared = { target: { url, token }, bodies: mutationBodies(plan), concurrency: plan.concurrency };
    report({ prepared: true });
  } else if (prepared) {
    sendAll(prepared.target, prepared.bodies, prepared.concurrency).then(
      () => report({ sent: true }),
      (error: unknown) => report({ failed: error instanceof Error ? error.message : String(error) }),
    );
  } else {
    report({ failed: 'told to send before it was told what' });
  }
});
