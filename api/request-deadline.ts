// A deadline for every GraphQL query and mutation (LIFESTREAM_REQUEST_TIMEOUT_S): when it passes, or
// when the client leaves first, the execution stops and the statements it is running are cancelled in
// the database. Subscriptions are long-lived by design and get none; their socket's close ends them.
import { setMaxListeners } from 'node:events';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { StatementBounds } from '../db/store.ts';
import type { Context } from './graphql/context.ts';
import { userError } from './graphql/errors.ts';

export class RequestDeadline {
  readonly #controller = new AbortController();
  readonly #clientSignal: AbortSignal | undefined;
  #timeoutMs: number;
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #stoppedBy: GraphQLError | undefined;

  /** clientSignal aborts when the client leaves (the HTTP response or the WebSocket closes). */
  constructor(timeoutMs: number, clientSignal?: AbortSignal) {
    this.#timeoutMs = timeoutMs;
    this.#clientSignal = clientSignal;
    // One listener per statement in flight, removed when it ends: a request of many root fields holds many, and leaks none.
    setMaxListeners(0, this.#controller.signal);
  }

  /** Aborts when the deadline passes or the client leaves, from start() to end(). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the signal aborted: DEADLINE_EXCEEDED or CLIENT_CLOSED_REQUEST. */
  get stoppedBy(): GraphQLError | undefined {
    return this.#stoppedBy;
  }

  /**
   * For the Store: cancelled with the request, and by the database itself after the whole timeout,
   * which no statement of the request can outlast unless this process misses the abort or dies.
   */
  get statementBounds(): StatementBounds {
    return { signal: this.signal, timeoutMs: this.#timeoutMs };
  }

  start(): void {
    this.#startedAt = Date.now();
    this.#arm(this.#timeoutMs);
    if (this.#clientSignal?.aborted) this.#clientLeft();
    else this.#clientSignal?.addEventListener('abort', this.#clientLeft, { once: true });
  }

  /** Gives the operation at least timeoutMs from its start: the admin sql field runs to its own limit. */
  extendTo(timeoutMs: number): void {
    if (timeoutMs <= this.#timeoutMs || this.signal.aborted) return;
    this.#timeoutMs = timeoutMs;
    clearTimeout(this.#timer);
    this.#arm(this.#startedAt + timeoutMs - Date.now());
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#clientSignal?.removeEventListener('abort', this.#clientLeft);
  }

  #arm(delayMs: number) {
    const seconds = this.#timeoutMs / 1000;
    this.#timer = setTimeout(() => {
      this.#stop(
        userError(
          'DEADLINE_EXCEEDED',
          `the request ran past its deadline of ${seconds} s (LIFESTREAM_REQUEST_TIMEOUT_S) and was stopped: ask for less at once (a shorter range, fewer kinds or devices, wider buckets, a smaller page)`,
        ),
      );
    }, delayMs);
    this.#timer.unref();
  }

  readonly #clientLeft = () => this.#stop(userError('CLIENT_CLOSED_REQUEST', 'the client closed the request before its answer'));

  #stop(reason: GraphQLError) {
    clearTimeout(this.#timer);
    this.#stoppedBy = reason;
    this.#controller.abort(reason);
  }
}

/**
 * Arms each operation's deadline (Context.deadline) and stops the execution when it aborts: the
 * abort's reason is the answer, a GraphQL error like any other (over graphql-ws, a rejected execution
 * would close the socket).
 */
export function useRequestDeadline(): Plugin<Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const { deadline } = args.contextValue;
      deadline.start();
      // yoga's executor (@graphql-tools/executor) stops at the signal; graphql 16's ExecutionArgs type lacks it.
      Object.assign(args, { signal: deadline.signal });
      setExecuteFn(async (stoppable) => {
        try {
          return await executeFn(stoppable);
        } catch (error) {
          const reason = deadline.stoppedBy;
          if (reason && error === reason) return { errors: [reason] };
          throw error;
        }
      });
      return { onExecuteDone: () => deadline.end() };
    },
  };
}
