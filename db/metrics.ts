// The process's one Prometheus registry: the consumer runtime and the API's live delivery register
// their metrics on it, and /metrics shows it, on the API's port and on a consumer process's own.
import type { ServerResponse } from 'node:http';
import { register } from 'prom-client';

export const metricsRegistry = register;

/** Answers a scrape with every metric of this process, in Prometheus' text format. */
export async function writeMetrics(res: ServerResponse): Promise<void> {
  const body = await metricsRegistry.metrics();
  res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
}
