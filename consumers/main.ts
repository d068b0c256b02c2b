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
    const metricsPort = config.LIFESTREAM_CONSUMER_PORT;
    // Served once the consumers have started, which is what /healthz tells Kubernetes' startup probe.
    // A port it cannot have closes them first: their group is left now, not after a session timeout.
    const metrics =
      metricsPort === undefined
        ? undefined
        : await serveConsumerMetrics(config.HOST, metricsPort).catch(async (error: unknown) => {
            await running.close();
            throw error;
          });
    console.log(`running consumers: ${names.join(', ')}${metrics ? `; /healthz and /metrics on http://${config.HOST}:${metricsPort}` : ''}`);
    closeOnSignal(running.services, async () => {
      metrics?.close();
      await running.close();
    });
  });

await runProgram(program);
