// A few worker threads that run jobs one at a time each, so that decoding and inference never run on
// the event loop of the thread that asks for them. Workers start when work comes and end when idle
// (taking their models' memory with them); a worker that crashes or overruns its time is replaced.
// Both sides of the protocol are here: `openWorkerPool` in the asking thread, `serveJobs` in a worker.
import { parentPort, Worker, type TransferListItem } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /** The worker's module: its compiled bundle when this process runs compiled, else run through tsx. */
  entry: URL;
  /** Handed to each worker as `workerData`. */
  workerData: unknown;
  /** Workers at most, each running one job at a time. */
  size: number;
  /** A worker with nothing to do for this long ends. */
  idleMs: number;
  /** A job running longer than this (starting its worker included) is failed and its worker ended. */
  jobTimeoutMs: number;
  /** Names the work in error messages: "image analysis". */
  work: string;
  /** Turns an error that crossed from a worker back into the error it was (structured cloning loses its class and fields). */
  reviveError?: (error: CrossedError) => Error;
}

export interface CrossedError {
  name: string;
  message: string;
  code?: string;
}

export interface WorkerPool<Job, Result> {
  /** Runs the job in a worker; what `transfer` lists moves to the worker instead of being copied. */
  run(job: Job, transfer?: readonly TransferListItem[]): Promise<Result>;
  /** Workers now started (busy or idle). */
  readonly liveWorkers: number;
  /** Ends every worker; queued and running jobs fail. */
  close(): Promise<void>;
}

interface Request<Job> {
  id: number;
  job: Job;
}

type Reply<Result> = { id: number; ok: true; result: Result } | { id: number; ok: false; error: CrossedError };

interface Pending<Job, Result> {
  id: number;
  job: Job;
  transfer: readonly TransferListItem[];
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface PoolWorker<Job, Result> {
  thread: Worker;
  running?: Pending<Job, Result> & { timeout: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
}

/** Set by scripts/compile.ts in the compiled bundles: each worker module's source URL → its bundle's. */
declare const LIFESTREAM_COMPILED_WORKERS: Record<string, string> | undefined;

function newWorker(entry: URL, workerData: unknown): Worker {
  if (typeof LIFESTREAM_COMPILED_WORKERS !== 'undefined') {
    const compiled = LIFESTREAM_COMPILED_WORKERS[entry.href];
    if (!compiled) throw new Error(`the worker module ${entry.pathname} is not compiled: add it to workerEntryPoints in scripts/compile.ts`);
    return new Worker(new URL(compiled), { workerData });
  }
  // On Node 20, hooks registered by `--import tsx` do not reach workers; registering them again inside
  // does. Resolved here so that the worker finds tsx wherever the process was started from.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(source, { eval: true, workerData });
}

const crossedError = (error: unknown): CrossedError => {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
};

const plainError = ({ name, message }: CrossedError): Error => Object.assign(new Error(message), { name });

export function openWorkerPool<Job, Result>(options: WorkerPoolOptions): WorkerPool<Job, Result> {
  const workers = new Set<PoolWorker<Job, Result>>();
  const queue: Pending<Job, Result>[] = [];
  const revive = options.reviveError ?? plainError;
  let nextId = 0;
  let closed = false;

  function retire(worker: PoolWorker<Job, Result>, error?: Error): void {
    if (!workers.delete(worker)) return;
    clearTimeout(worker.idleTimer);
    if (worker.running) {
      clearTimeout(worker.running.timeout);
      worker.running.reject(error ?? new Error(`the ${options.work} worker stopped while working`));
    }
    void worker.thread.terminate();
    dispatch();
  }

  function start(): PoolWorker<Job, Result> {
    const worker: PoolWorker<Job, Result> = { thread: newWorker(options.entry, options.workerData) };
    // The reply is the structured clone of what serveJobs posted for this pool's Job type.
    worker.thread.on('message', (reply: Reply<Result>) => {
      const running = worker.running;
      if (!running || running.id !== reply.id) return;
      clearTimeout(running.timeout);
      worker.running = undefined;
      if (reply.ok) running.resolve(reply.result);
      else running.reject(revive(reply.error));
      dispatch();
    });
    worker.thread.on('error', (error) => retire(worker, new Error(`the ${options.work} worker failed: ${error.message}`)));
    worker.thread.on('exit', (exitCode) => retire(worker, new Error(`the ${options.work} worker exited (code ${exitCode}) while working`)));
    workers.add(worker);
    return worker;
  }

  function assign(worker: PoolWorker<Job, Result>, pending: Pending<Job, Result>): void {
    clearTimeout(worker.idleTimer);
    worker.idleTimer = undefined;
    const timeout = setTimeout(
      () => retire(worker, new Error(`${options.work} took longer than ${options.jobTimeoutMs} ms; its worker was stopped`)),
      options.jobTimeoutMs,
    );
    worker.running = { ...pending, timeout };
    worker.thread.ref();
    const request: Request<Job> = { id: pending.id, job: pending.job };
    worker.thread.postMessage(request, pending.transfer);
  }

  function dispatch(): void {
    while (queue.length > 0) {
      const free = [...workers].find((worker) => !worker.running) ?? (workers.size < options.size ? start() : undefined);
      const next = free && queue.shift();
      if (!free || !next) break;
      assign(free, next);
    }
    for (const worker of workers) {
      if (worker.running || worker.idleTimer) continue;
      worker.idleTimer = setTimeout(() => retire(worker), options.idleMs);
      // An idle worker does not keep the process alive.
      worker.idleTimer.unref();
      worker.thread.unref();
    }
  }

  return {
    run(job, transfer = []) {
      if (closed) return Promise.reject(new Error(`the ${options.work} pool is closed`));
      return new Promise<Result>((resolve, reject) => {
        queue.push({ id: nextId++, job, transfer, resolve, reject });
        dispatch();
      });
    },
    get liveWorkers() {
      return workers.size;
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error(`the ${options.work} pool is closed`));
      await Promise.all(
        [...workers].map(async (worker) => {
          workers.delete(worker);
          clearTimeout(worker.idleTimer);
          if (worker.running) {
            clearTimeout(worker.running.timeout);
            worker.running.reject(new Error(`the ${options.work} pool is closed`));
          }
          await worker.thread.terminate();
        }),
      );
    },
  };
}

/** In a worker: answers each job of the pool with handle's result or error, one at a time as they come. */
export function serveJobs<Job, Result>(handle: (job: Job) => Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread started by openWorkerPool');
  port.on('message', async (request: Request<Job>) => {
    let reply: Reply<Result>;
    try {
      reply = { id: request.id, ok: true, result: await handle(request.job) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: crossedError(error) };
    }
    port.postMessage(reply);
  });
}
