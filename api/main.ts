// `npm start` (the API with every consumer in one process) and `npm run api` (the API alone, for
// deployments on Kafka where consumers run as processes of their own).
import { Command } from 'commander';
import { listen } from '../db/listen.ts';
import { loadConfig } from '../schema/config.ts';
import { closeOnSignal, runProgram, startLifestreamProcess } from '../scripts/lifestream-process.ts';
import { ensureAdminToken } from './auth/first-admin-token.ts';
import { createLifestreamServer } from './server.ts';

const program = new Command('lifestream-api')
  .option('--all-consumers', 'also run every consumer in this process')
  .action(async (options: { allConsumers?: boolean }) => {
    const config = loadConfig();
    const running = await startLifestreamProcess(config, { clientId: 'lifestream-api', consumers: options.allConsumers ? 'all' : [] });
    const { services } = running;
    const lifestream = await createLifestreamServer(services);
    try {
      await listen(lifestream.server, { host: config.HOST, port: config.PORT, portSetting: 'PORT' });
    } catch (error) {
      await lifestream.close();
      await running.close();
      throw error;
    }
    // Made once the port is ours: a start that cannot listen must not make the token it cannot print.
    const firstAdminToken = await ensureAdminToken(services.store, config.LIFESTREAM_ADMIN_TOKEN);
    console.log(`Lifestream listening on http://${config.HOST}:${config.PORT}/ (the timeline app; GraphQL at /graphql)`);
    console.log(`  ${services.description}`);
    if (running.consumers.length > 0) console.log(`  consumers: ${running.consumers.map((s) => s.name).join(', ')}`);
    if (firstAdminToken) {
      console.log(`  admin token (shown once, store it safely; create others with npm run cli -- token create):\n  ${firstAdminToken}`);
    }
    closeOnSignal(services, async () => {
      await lifestream.close();
      await running.close();
    });
  });

await runProgram(program);
