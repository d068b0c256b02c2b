// Creates the catalogue's Kafka topics on the stack's broker; existing topics are left as they are.
import { kafkaClient } from './kafka.ts';

function partitionsPerTopic(): number {
  const value = process.env.LIFESTREAM_STACK_KAFKA_PARTITIONS ?? '3';
  const partitions = Number(value);
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new Error(`LIFESTREAM_STACK_KAFKA_PARTITIONS must be a positive integer, got "${value}"`);
  }
  return partitions;
}

export async function createCatalogueTopics(): Promise<{ total: number; created: number }> {
  // Imported late so that `down` and `status` still work while the catalogue is being edited.
  const { kafkaTopicNames } = await import('../../schema/catalogue.ts');
  const wanted = kafkaTopicNames();
  const admin = kafkaClient(8).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      const numPartitions = partitionsPerTopic();
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })), waitForLeaders: true });
    }
    return { total: wanted.length, created: missing.length };
  } finally {
    await admin.disconnect();
  }
}
