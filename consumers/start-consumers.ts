// Starting consumers in a process: the registered ones are checked against the catalogue first, then
// each named one runs on the process's ports.
import type { OpenServices } from '../db/open-services.ts';
import type { Subscription } from '../db/bus/port.ts';
import { consumersToStart } from './pipelines.ts';
import { notYetBuilt, registeredConsumers } from './registry.ts';
import { runConsumer } from './runtime.ts';

export interface RunningConsumer extends Subscription {
  name: string;
}

/**
 * Starts the named consumers, once the registered ones were checked against the catalogue. With
 * skipUnavailable (npm start's every consumer), one that cannot run here, for want of a model, is
 * left out with a line saying how to add it; named alone, it refuses to start with that line.
 */
export async function startConsumers(names: string[], services: OpenServices, options: { skipUnavailable?: boolean } = {}): Promise<RunningConsumer[]> {
  const { start, leftOut } = consumersToStart(names, { registered: registeredConsumers, notYetBuilt }, services.config, options);
  for (const line of leftOut) console.log(`  ${line}`);
  const subscriptions: RunningConsumer[] = [];
  for (const definition of start) {
    const subscription = await runConsumer(definition, services, { groupPrefix: services.config.LIFESTREAM_GROUP_PREFIX });
    subscriptions.push({ name: definition.name, stop: () => subscription.stop() });
  }
  return subscriptions;
}
