// What a consumer process running on its own shows on LIFESTREAM_CONSUMER_PORT: /healthz for
// Kubernetes' probes and /metrics (lag, throughput, dead letters) for Prometheus. No token: it is
// for the cluster's own network, like any metrics port, and never behind the ingress.
import { createServer, type Server } from 'node:http';
import { listen } from '../db/listen.ts';
import { writeMetrics } from '../db/metrics.ts';

/** Serves once it listens; a port it cannot have rejects with a ConfigError naming LIFESTREAM_CONSUMER_PORT. */
export async function serveConsumerMetrics(host: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = req.url?.split('?')[0];
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (path === '/metrics') return writeMetrics(res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: /healthz or /metrics\n');
  });
  await listen(server, { host, port, portSetting: 'LIFESTREAM_CONSUMER_PORT' });
  return server;
}
