// The check every consumer process makes before it starts, as immich checks its jobs: every
// processed kind in the catalogue has a consumer that emits it (or is marked as not built yet), so a
// kind cannot silently stay empty; the message says what to add or remove where.
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { Config } from '../schema/config.ts';
import { ConsumerUnavailable, type ConsumerDefinition } from './consumer.ts';

type AnyConsumer = ConsumerDefinition<EventKindDefinition, EventKindDefinition>;

/** What is wrong with these consumers as the catalogue's pipelines; empty when nothing is. */
export function pipelineProblems(consumers: readonly AnyConsumer[], notYetBuilt: readonly EventKindDefinition[], kinds: readonly EventKindDefinition[] = catalogue): string[] {
  const problems: string[] = [];
  const names = consumers.map((consumer) => consumer.name);
  for (const name of new Set(names.filter((name, i) => names.indexOf(name) !== i))) {
    problems.push(`two consumers are named ${name}: rename one (the name is its consumer group and its Deployment)`);
  }
  for (const consumer of consumers) {
    if (consumer.reads.length === 0) problems.push(`consumer ${consumer.name} reads no kind: name the kinds it handles in its reads`);
  }
  const producers = (kind: EventKindDefinition) => consumers.filter((consumer) => consumer.emits.includes(kind));
  for (const kind of kinds.filter((k) => k.stage === 'processed')) {
    const planned = notYetBuilt.includes(kind);
    const emitting = producers(kind);
    if (emitting.length === 0 && !planned) {
      problems.push(
        `processed kind ${kind.name} (${kind.topic}) has no consumer that emits it: register one that lists it in its emits in consumers/registry.ts, or mark it there as not yet built`,
      );
    }
    if (emitting.length > 0 && planned) {
      problems.push(`processed kind ${kind.name} is marked as not yet built, but ${emitting.map((c) => c.name).join(', ')} emits it: remove it from notYetBuilt in consumers/registry.ts`);
    }
  }
  return problems;
}

/** Throws, naming every problem and its fix, when the consumers do not cover the catalogue's processed kinds. */
export function checkPipelines(consumers: readonly AnyConsumer[], notYetBuilt: readonly EventKindDefinition[]): void {
  const problems = pipelineProblems(consumers, notYetBuilt);
  if (problems.length > 0) throw new PipelineError(`the consumers do not match the catalogue:\n- ${problems.join('\n- ')}`);
}

export class PipelineError extends Error {}

/**
 * Which of the named consumers to start here, once the registered ones were checked against the
 * catalogue. One that cannot run here (a model missing) refuses to start with the fix, or, with
 * skipUnavailable (npm start's every consumer), is left out with a line saying how to add it.
 */
export function consumersToStart(
  names: readonly string[],
  registry: { registered: readonly AnyConsumer[]; notYetBuilt: readonly EventKindDefinition[] },
  config: Config,
  options: { skipUnavailable?: boolean } = {},
): { start: AnyConsumer[]; leftOut: string[] } {
  checkPipelines(registry.registered, registry.notYetBuilt);
  const start: AnyConsumer[] = [];
  const leftOut: string[] = [];
  for (const name of names) {
    const definition = registry.registered.find((consumer) => consumer.name === name);
    if (!definition) throw new PipelineError(`unknown consumer "${name}"; known: ${registry.registered.map((consumer) => consumer.name).join(', ')}`);
    const unavailable = definition.unavailable?.(config);
    if (unavailable === undefined) start.push(definition);
    else if (options.skipUnavailable) leftOut.push(`consumer ${name} not started: ${unavailable}`);
    else throw new ConsumerUnavailable(`consumer ${name} cannot run here: ${unavailable}`);
  }
  return { start, leftOut };
}
