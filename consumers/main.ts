// `npm run consumer -- <name>...`: runs consumers in their own process, to scale them apart from the API.
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../schema/config.ts';
import { closeOnSignal, runProgram, startLifestreamProcess } from '../scripts/lifestream-process.ts';
import { serveConsumerMetrics } from './metrics-server.ts';
import { consumerNames } from './registry.ts';

const program = new Command('lifestream-consumer')
  .argument('<names...>', `consumers to run: ${consumerNames.join(', ')}`)
  .action(async (names: string[]) => {
    const config = loadConfig();
    if (!config.KAFKA_BROKERS) {
      throw new ConfigError('consumers run in processes of their own only on Kafka: set KAFKA_BROKERS, or use `npm start`, which runs every consumer beside the API');
    }
    const running = await startLifestreamProcess(config, { clientId: `lifestream-${names.join('-')}`, consumers: names });
    const metrics = config.LIFESTREAM_CONSUMER_PORT === undefined ? undefined : await serveConsumerMetrics(config.HOST, config.LIFESTREAM_CONSUMER_PORT);
    console.log(`running consumers: ${names.join(', ')}${metrics ? `; /healthz and /metrics on http://${config.HOST}:${config.LIFESTREAM_CONSUMER_PORT}` : ''}`);
    closeOnSignal(running.services, async () => {
      metrics?.close();
      await running.close();
    });
  });

await runProgram(program);
