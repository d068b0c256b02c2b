// The check every consumer process makes before it starts, as immich checks its jobs: every
// processed kind in the catalogue has a consumer that emits it (or is marked as not built yet), so a
// kind cannot silently stay empty; the message says what to add or remove where.
import { catalogue } from '../schema/catalogue.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import type { ConsumerDefinition } from './consumer.ts';

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
