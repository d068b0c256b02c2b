// Prometheus metrics of live delivery, on the process's shared registry (served at /metrics).
import { Counter, Gauge } from 'prom-client';

export const liveSubscriptions = new Gauge({
  name: 'lifestream_live_subscriptions',
  help: 'Open live subscriptions on this API instance.',
});

export const overflowedSubscriptions = new Counter({
  name: 'lifestream_live_overflowed_total',
  help: 'Live subscriptions dropped because their client fell too far behind (queue full).',
});
