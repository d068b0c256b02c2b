// Prometheus metrics of live delivery, on the process's shared registry (served at /metrics).
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../../db/metrics.ts';

export const liveSubscriptions = new Gauge({
  name: 'lifestream_live_subscriptions',
  help: 'Open live subscriptions on this API instance.',
  registers: [metricsRegistry],
});

export const overflowedSubscriptions = new Counter({
  name: 'lifestream_live_overflowed_total',
  help: 'Live subscriptions dropped because their client fell too far behind (queue full).',
  registers: [metricsRegistry],
});
