// The load generator of bench:ingest: heart-rate mutations sent to the API, a bounded number in
// flight, from this process or from one of its own (ingest-load-process.ts) as clients are in a deployment.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { heartRateSeries, type HeartRateSample } from './raw-baselines.ts';
import { chunks, inParallel } from './throughput.ts';

const ingestMutation = 'mutation($events: [HeartRateInput!]!) { ingestHeartRate(events: $events) { acceptedCount errors { message } } }';

interface IngestResponse {
  data?: { ingestHeartRate: { acceptedCount: number; errors: { message: string }[] } };
  errors?: { message: string }[];
}

/** Where the load goes: the API's GraphQL URL and a token it accepts. */
export interface IngestTarget {
  url: string;
  token: string;
}

/** What one load run sends: `events` heart rates of one device, `batch` to a mutation, `concurrency` in flight. */
export interface LoadPlan {
  deviceId: string;
  events: number;
  batch: number;
  concurrency: number;
}

export interface MutationBody {
  body: string;
  size: number;
}

export function mutationBody(events: (HeartRateSample & { id?: string })[]): string {
  return JSON.stringify({ query: ingestMutation, variables: { events } });
}

/** The plan's request bodies, built before any clock starts. */
export const mutationBodies = (plan: LoadPlan): MutationBody[] =>
  chunks(heartRateSeries(plan.deviceId, plan.events), plan.batch).map((events) => ({ body: mutationBody(events), size: events.length }));

export async function sendMutation(target: IngestTarget, body: string, expected: number): Promise<void> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` }, body });
  const result = (await response.json()) as IngestResponse;
  const accepted = result.data?.ingestHeartRate.acceptedCount ?? 0;
  if (accepted !== expected) {
    throw new Error(`a mutation accepted ${accepted} of ${expected} events: ${JSON.stringify(result.errors ?? result.data?.ingestHeartRate.errors)}`);
  }
}

export const sendAll = (target: IngestTarget, bodies: MutationBody[], concurrency: number) =>
  inParallel(bodies, concurrency, ({ body, size }) => sendMutation(target, body, size));

/** The messages between the benchmark and a load process. */
export type LoadCommand = { prepare: IngestTarget & LoadPlan } | { send: true };
export type LoadReport = { prepared: true } | { sent: true } | { failed: string };

/** A load generator in a process of its own, its bodies built; send() runs the load, stop() ends the process. */
export interface LoadProcess {
  pid: number;
  send(): Promise<void>;
  stop(): Promise<void>;
}

async function nextReport(child: ChildProcess): Promise<LoadReport> {
  const [report] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the load process exited (${String(code)}) before it answered`);
    }),
  ])) as [LoadReport];
  if ('failed' in report) throw new Error(`the load process failed: ${report.failed}`);
  return report;
}

export async function startLoadProcess(target: IngestTarget, plan: LoadPlan): Promise<LoadProcess> {
  const child = fork(new URL('ingest-load-process.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const command = (message: LoadCommand) => child.send(message);
  command({ prepare: { ...target, ...plan } });
  await nextReport(child);
  return {
    pid: child.pid!,
    async send() {
      command({ send: true });
      await nextReport(child);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
