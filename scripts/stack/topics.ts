// The catalogue's Kafka topics on the stack's broker, LIFESTREAM_STACK_KAFKA_PARTITIONS partitions each,
// under their seed names: a namespaced deployment on the stack makes its own with `npm run cli -- topics create`.
import { kafkaBrokers } from './kafka.ts';

function partitionsPerTopic(): number {
  const value = process.env.LIFESTREAM_STACK_KAFKA_PARTITIONS ?? '3';
  const partitions = Number(value);
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new Error(`LIFESTREAM_STACK_KAFKA_PARTITIONS must be a positive integer, got "${value}"`);
  }
  return partitions;
}

export async function createStackTopics(): Promise<{ total: number; created: number }> {
  // Imported late so that `down` and `status` still work while the catalogue is being edited.
  const { createCatalogueTopics } = await import('../../db/bus/kafka-topics.ts');
  const { total, created } = await createCatalogueTopics([kafkaBrokers], { partitions: partitionsPerTopic(), replicationFactor: 1, namespace: '' });
  return { total, created: created.length };
}
