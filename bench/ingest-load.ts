// The load generator of bench:ingest: heart-rate mutations sent to the API, a bounded number in
// flight, from this process or from one of its own (ingest-load-process.ts) as clients are in a deployment.
// It sends with node:http over kept-alive connections and bodies encoded once: on a machine whose
// cores the API shares with it, a client's cost per request is taken from the path it measures.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { nextAnswer, type Failed } from './child-answer.ts';
import { Agent, request, type IncomingMessage } from 'node:http';
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
  body: Buffer;
  size: number;
}

export function mutationBody(events: (HeartRateSample & { id?: string })[]): Buffer {
  return Buffer.from(JSON.stringify({ query: ingestMutation, variables: { events } }));
}

/** The plan's request bodies, built before any clock starts. */
export const mutationBodies = (plan: LoadPlan): MutationBody[] =>
  chunks(heartRateSeries(plan.deviceId, plan.events), plan.batch).map((events) => ({ body: mutationBody(events), size: events.length }));

const keptAlive = new Agent({ keepAlive: true });

/** POSTs the body and answers with the response's body, refusing a status other than 200. */
async function post(target: IngestTarget, body: Buffer): Promise<string> {
  const sent = request(target.url, {
    method: 'POST',
    agent: keptAlive,
    headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${target.token}` },
  });
  sent.end(body);
  const [response] = (await once(sent, 'response')) as [IncomingMessage];
  const parts: Buffer[] = [];
  for await (const part of response) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString();
  if (response.statusCode !== 200) throw new Error(`the API answered ${String(response.statusCode)}: ${text}`);
  return text;
}

export async function sendMutation(target: IngestTarget, body: Buffer, expected: number): Promise<void> {
  const result = JSON.parse(await post(target, body)) as IngestResponse;
  const accepted = result.data?.ingestHeartRate.acceptedCount ?? 0;
  if (accepted !== expected) {
    throw new Error(`a mutation accepted ${accepted} of ${expected} events: ${JSON.stringify(result.errors ?? result.data?.ingestHeartRate.errors)}`);
  }
}

export const sendAll = (target: IngestTarget, bodies: MutationBody[], concurrency: number) =>
  inParallel(bodies, concurrency, ({ body, size }) => sendMutation(target, body, size));

/** The messages between the benchmark and a load process. */
export type LoadCommand = { prepare: IngestTarget & LoadPlan } | { send: true };
export type LoadReport = { prepared: true } | { sent: true } | Failed;

/** A load generator in a process of its own, its bodies built; send() runs the load, stop() ends the process. */
export interface LoadProcess {
  pid: number;
  send(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLoadProcess(target: IngestTarget, plan: LoadPlan): Promise<LoadProcess> {
  const child = fork(new URL('ingest-load-process.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const command = (message: LoadCommand) => child.send(message);
  command({ prepare: { ...target, ...plan } });
  await nextAnswer<Exclude<LoadReport, Failed>>(child, 'the load process');
  return {
    pid: child.pid!,
    async send() {
      command({ send: true });
      await nextAnswer<Exclude<LoadReport, Failed>>(child, 'the load process');
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
