// Tests share the local stack's Kafka: a test's consumer group starts at the topics' ends, so it sees
// what the test produces, not every message earlier runs left; topics a test made are deleted after.
import { Kafka, logLevel } from 'kafkajs';

/** Commits the current end offsets of every topic for a group that has no members yet. */
export async function startGroupAtEnd(brokers: string[], groupId: string, topics: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-offsets', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  // Ends read before joining: whatever is produced later lies at or after them and is delivered.
  const ends = await Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
  await admin.disconnect();

  // Committing needs a group member; one join for all topics (admin.setOffsets joins once per topic).
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => {} });
  await joined;
  await consumer.commitOffsets(ends.flatMap(({ topic, partitions }) => partitions.map(({ partition, high }) => ({ topic, partition, offset: high }))));
  await consumer.disconnect();
}

/** Deletes topics a test made for itself (a namespaced deployment's), so the shared stack does not collect them. */
export async function deleteTopics(brokers: string[], topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'test-topics', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
