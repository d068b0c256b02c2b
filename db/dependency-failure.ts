// Telling a dependency that is away for now (PostgreSQL restarting, Redis unreachable, Kafka
// electing a leader) from a failure that will never pass: the first is retried until the dependency
// is back (consumers) or answered 503 with Retry-After (the API); only the second dead-letters.
import { DrizzleQueryError } from 'drizzle-orm';

export type Dependency = 'database' | 'cache' | 'bus';

/** How soon a client is told to try again while a dependency is away. */
export const retryAfterS = 5;

/** A port's operation failed because its service is unreachable for now; the cause says how. */
export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DependencyUnavailable';
  }
}

// Sockets that could not be opened, were cut, or went silent; and a name that did not resolve (in a
// cluster, a service whose pod is being replaced).
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ENOTFOUND']);
// postgres.js' own codes for a connection that closed or never opened.
const postgresClientCodes = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT']);
// SQLSTATEs of a server going down, starting up, out of room or connections, or a transaction that
// lost a race: none is the data's fault. https://www.postgresql.org/docs/current/errcodes-appendix.html
const transientSqlStates = new Set(['57P01', '57P02', '57P03', '57P05', '53000', '53100', '53200', '53300', '40001', '40P01', '55P03', '25006']);
// ioredis, when Redis is away: the offline queue is off, so a command fails at once.
const redisOffline = [/enableOfflineQueue options is false/, /^Connection is closed\.?$/, /^Command timed out$/, /max retries per request/i];
const kafkaConnection = new Set(['KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSBrokerNotFound', 'KafkaJSLockTimeout', 'KafkaJSNumberOfRetriesExceeded']);

/** The error and its causes, outermost first (GraphQL's originalError counts as a cause). */
function* chain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const link = current as Record<string, unknown>;
    yield link;
    current = link.originalError ?? link.cause;
  }
}

function isTransientLink(link: Record<string, unknown>): boolean {
  if (link instanceof DependencyUnavailable) return true;
  const code = typeof link.code === 'string' ? link.code : undefined;
  const name = typeof link.name === 'string' ? link.name : '';
  const message = typeof link.message === 'string' ? link.message : '';
  if (code && (socketCodes.has(code) || postgresClientCodes.has(code))) return true;
  if (name === 'PostgresError' && code) return code.startsWith('08') || transientSqlStates.has(code);
  if (name.startsWith('KafkaJS')) return kafkaConnection.has(name) || link.retriable === true;
  return name === 'MaxRetriesPerRequestError' || redisOffline.some((pattern) => pattern.test(message));
}

/** True when the failure is a dependency away for now: retry it, never dead-letter it. */
export function isTransient(error: unknown): boolean {
  for (const link of chain(error)) if (isTransientLink(link)) return true;
  return false;
}

/**
 * The dependency an operation failed on, when it is away for now. Ports name it (DependencyUnavailable);
 * a Drizzle query can only have failed on the database.
 */
export function unavailableDependency(error: unknown): Dependency | undefined {
  for (const link of chain(error)) {
    if (link instanceof DependencyUnavailable) return link.dependency;
    if (link instanceof DrizzleQueryError && isTransient(link.cause)) return 'database';
  }
  return undefined;
}

/**
 * What a log may say of a dependency's failure: the innermost cause's message (the socket's or the
 * server's), never an outer one such as Drizzle's, which carries the query's parameters.
 */
export function describeUnavailable(error: unknown): string {
  let innermost: Record<string, unknown> | undefined;
  for (const link of chain(error)) innermost = link;
  return typeof innermost?.message === 'string' ? innermost.message : String(error);
}

/** Runs a port's operation, naming its dependency when it fails for being away. */
export async function naming<T>(dependency: Dependency, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw isTransient(error) && !(error instanceof DependencyUnavailable) ? new DependencyUnavailable(dependency, error) : error;
  }
}
