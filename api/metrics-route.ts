// GET /metrics on the API's port: the process's Prometheus metrics, for a read or admin token (a
// consumer process shows the same registry on a port of its own, without one: consumers/metrics-server.ts).
import type { ServerResponse } from 'node:http';
import { writeMetrics } from '../db/metrics.ts';
import { canRead, type Principal } from './auth/principal.ts';
import { refuse } from './http-errors.ts';

export const metricsPath = '/metrics';

export async function serveMetrics(principal: Principal, res: ServerResponse): Promise<void> {
  if (!canRead(principal)) return refuse(res, 'FORBIDDEN', 'metrics need a read or admin token');
  await writeMetrics(res);
}
