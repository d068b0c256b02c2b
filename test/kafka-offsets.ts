// A test's consumer group starts at the topics' ends: it sees what the test produces, not every
// message earlier runs left on the shared local stack.
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
