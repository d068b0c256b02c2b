// `npm start` (the API with every consumer in one process) and `npm run api` (the API alone, for
// deployments on Kafka where consumers run as processes of their own).
import { Command } from 'commander';
import { closeOnSignal, openServices, runProgram, startConsumers } from '../consumers/process.ts';
import { consumerNames } from '../consumers/registry.ts';
import { loadConfig } from '../schema/config.ts';
import { ensureAdminToken } from './auth/first-admin-token.ts';
import { createLifestreamServer } from './server.ts';

const program = new Command('lifestream-api')
  .option('--all-consumers', 'also run every consumer in this process')
  .action(async (options: { allConsumers?: boolean }) => {
    const config = loadConfig();
    const services = await openServices(config, 'lifestream-api');
    const firstAdminToken = await ensureAdminToken(services.store, config.LIFESTREAM_ADMIN_TOKEN);
    const subscriptions = options.allConsumers ? await startConsumers(consumerNames, services, { skipUnavailable: true }) : [];
    const lifestream = await createLifestreamServer(services);
    await new Promise<void>((resolve) => lifestream.server.listen(config.PORT, config.HOST, resolve));
    console.log(`Lifestream listening on http://${config.HOST}:${config.PORT}/ (the timeline app; GraphQL at /graphql)`);
    console.log(`  ${services.description}`);
    if (subscriptions.length > 0) console.log(`  consumers: ${subscriptions.map((s) => s.name).join(', ')}`);
    if (firstAdminToken) {
      console.log(`  admin token (shown once, store it safely; create others with npm run cli -- token create):\n  ${firstAdminToken}`);
    }
    closeOnSignal(services, async () => {
      await lifestream.close();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await services.close();
    });
  });

await runProgram(program);
