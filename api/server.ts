// The HTTP server: a composition of named pieces (GraphQL, health, metrics) on one port.
import { createServer, type Server } from 'node:http';
import { createYoga, maskError } from 'graphql-yoga';
import { metricsRegistry } from '../consumers/metrics.ts';
import { createContext, type Services } from './graphql/context.ts';
import { schema } from './graphql/schema.ts';
import { dependenciesReady } from './health.ts';

export function createLifestreamServer(services: Services): Server {
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => createContext(services),
    graphiql: { title: 'Lifestream' },
    landingPage: false,
    // Errors that are not GraphQLErrors reach the client masked and the log whole.
    maskedErrors: {
      maskError: (error, message, isDev) => {
        console.error(error);
        return maskError(error, message, isDev);
      },
    },
  });

  return createServer(async (req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      const checks = await dependenciesReady(services);
      const ready = Object.values(checks).every((v) => v === 'ok');
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(checks) + '\n');
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(await metricsRegistry.metrics());
    } else {
      await yoga.handle(req, res);
    }
  });
}
