// The composition root of a Lifestream process, for both entry points (api/main.ts, consumers/main.ts):
// opens the ports, starts the consumers the process runs, and stops everything on a signal. It is the
// one module that knows both db/'s ports and consumers/; api/ and consumers/ do not know each other.
import { constants } from 'node:os';
import type { Command } from 'commander';
import { ConsumerUnavailable } from '../consumers/consumer.ts';
import { PipelineError } from '../consumers/pipelines.ts';
import { consumerNames } from '../consumers/registry.ts';
import { startConsumers, type RunningConsumer } from '../consumers/start-consumers.ts';
import { openServices, type OpenServices } from '../db/open-services.ts';
import { ConfigError, type Config } from '../schema/config.ts';

export interface LifestreamProcess {
  services: OpenServices;
  consumers: RunningConsumer[];
  /** Stops the consumers (each finishing its batch in flight), then closes the ports. */
  close(): Promise<void>;
}

export interface ProcessPlan {
  /** Names the process to Kafka (its client id). */
  clientId: string;
  /** The consumers to run here: 'all' (npm start), by name (npm run consumer), or none (npm run api). */
  consumers: 'all' | string[];
}

/**
 * Opens the ports and starts the planned consumers. Of every consumer ('all'), one that cannot run
 * here, for want of a model, is left out with a line saying how to add it; named, it refuses to start.
 */
export async function startLifestreamProcess(config: Config, plan: ProcessPlan): Promise<LifestreamProcess> {
  const services = await openServices(config, plan.clientId);
  const consumers =
    plan.consumers === 'all' ? await startConsumers(consumerNames, services, { skipUnavailable: true }) : await startConsumers(plan.consumers, services);
  return {
    services,
    consumers,
    async close() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await services.close();
    },
  };
}

/**
 * Stops on SIGINT/SIGTERM: consumers finish the batch in flight (one waiting for a dependency to come
 * back is given up uncommitted, to come again after the restart), then everything closes: exit 0.
 * A drain that outlasts LIFESTREAM_SHUTDOWN_TIMEOUT_S exits 1; a second signal exits at once
 * (128 + its number). Either way the embedded database is told to shut down first.
 */
export function closeOnSignal(services: Pick<OpenServices, 'config' | 'abandon'>, close: () => Promise<void>): void {
  const deadlineS = services.config.LIFESTREAM_SHUTDOWN_TIMEOUT_S;
  let closing = false;
  const exitNow = (code: number, why: string) => {
    console.error(why);
    services.abandon();
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return exitNow(128 + constants.signals[signal], `${signal} again: exiting at once; batches not committed come again after the restart`);
    closing = true;
    console.log(`${signal}: draining and shutting down (at most ${deadlineS} s; ${signal} again exits at once)`);
    setTimeout(
      () => exitNow(1, `shutdown did not finish within LIFESTREAM_SHUTDOWN_TIMEOUT_S (${deadlineS} s): exiting; batches not committed come again after the restart`),
      deadlineS * 1000,
    );
    close().then(
      () => process.exit(0),
      (e) => exitNow(1, `shutdown failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Runs a command-line program; a configuration error prints its message alone, anything else its stack. */
export async function runProgram(program: Command): Promise<void> {
  try {
    await program.parseAsync();
  } catch (e) {
    console.error(e instanceof ConfigError || e instanceof ConsumerUnavailable || e instanceof PipelineError ? e.message : e);
    process.exit(1);
  }
}
