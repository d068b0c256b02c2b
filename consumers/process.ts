// Opening and closing what a Lifestream process needs, shared by the API and consumer entry points.
import { join } from 'node:path';
import { openBlobDirectory } from '../db/blob-directory.ts';
import { openPostgresStore } from '../db/postgres.ts';
import { prepareDatabase } from '../db/prepare.ts';
import type { Config } from '../schema/config.ts';
import { openKafkaBus } from './bus/kafka.ts';
import type { Subscription } from './bus/port.ts';
import { consumerFactories } from './registry.ts';
import { runConsumer } from './runtime.ts';

export async function openServices(config: Config, clientId: string) {
  const store = openPostgresStore(config.DATABASE_URL);
  const { timescale } = await prepareDatabase(store);
  const bus = openKafkaBus({ brokers: config.KAFKA_BROKERS, clientId });
  const blobs = openBlobDirectory(join(config.LIFESTREAM_DATA_DIR, 'blobs'));
  return { store, bus, blobs, config, timescale };
}

export type OpenServices = Awaited<ReturnType<typeof openServices>>;

export async function startConsumers(names: string[], services: OpenServices): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  for (const name of names) {
    const factory = consumerFactories[name];
    if (!factory) throw new Error(`unknown consumer "${name}"; known: ${Object.keys(consumerFactories).join(', ')}`);
    subscriptions.push(await runConsumer(factory(services), services.bus, { groupPrefix: services.config.LIFESTREAM_GROUP_PREFIX }));
  }
  return subscriptions;
}

/** Stops on SIGINT/SIGTERM: consumers finish and commit the batch in flight, then everything closes. */
export function closeOnSignal(close: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: draining and shutting down`);
    close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
