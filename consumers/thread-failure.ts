// A failure that crosses between threads as what the consumer runtime decides on: its message, name
// and code, and the dependency that is away, if that is why (isTransient: retried without limit,
// never dead-lettered). Structured cloning keeps none of an error's class or fields.
import { DependencyUnavailable, describeUnavailable, unavailableDependency, type Dependency } from '../db/dependency-failure.ts';

export interface CrossedFailure {
  name: string;
  message: string;
  code?: string;
  /** Set when the failure is a dependency away for now; then the message is the innermost cause's. */
  dependency?: Dependency;
}

export function crossedFailure(error: unknown): CrossedFailure {
  const dependency = unavailableDependency(error);
  if (dependency) return { name: 'DependencyUnavailable', message: describeUnavailable(error), dependency };
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
}

/** The failure as an error again, transient where it was. */
export function revivedFailure({ name, message, code, dependency }: CrossedFailure): Error {
  if (dependency) return new DependencyUnavailable(dependency, new Error(message));
  return Object.assign(new Error(message), { name }, code === undefined ? {} : { code });
}
