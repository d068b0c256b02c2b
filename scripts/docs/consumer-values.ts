// The Helm chart's `consumers:` values, one Deployment per registered consumer, sized by its
// definition's `deployment`: generated, so that the chart runs exactly the consumers the code has.
import { defaultDeployment, type ConsumerDefinition } from '../../consumers/consumer.ts';

/** A quantity as YAML reads it back as a string: "1" quoted, 250m and 1Gi as they are. */
const quantity = (value: string) => (/^[\d.]+$/.test(value) ? JSON.stringify(value) : value);

export function consumerValues(consumers: readonly ConsumerDefinition[]): string {
  const lines = ['consumers:'];
  for (const consumer of consumers) {
    const deployment = consumer.deployment ?? defaultDeployment;
    lines.push(`  ${consumer.name}:`, '    replicas: 1');
    if (deployment.note) lines.push(`    # ${deployment.note}`);
    if (deployment.gpus !== undefined) lines.push(`    gpus: ${deployment.gpus}`);
    lines.push(
      '    resources:',
      `      requests: { cpu: ${quantity(deployment.cpuRequest)}, memory: ${quantity(deployment.memoryRequest)} }`,
      `      limits: { memory: ${quantity(deployment.memoryLimit)} }`,
    );
  }
  return lines.join('\n');
}
