// The benchmark's dealings with Kafka beyond producing: waiting out the backlog a fresh consumer
// group replays, and removing the benchmark's own messages afterwards.
import { Kafka, logLevel, type Admin } from 'kafkajs';

export async function withKafkaAdmin<T>(brokers: string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'bench-admin', brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Messages on the topics that the group has not committed yet. */
async function lagOf(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      lag += Number(end.high) - (offset < 0 ? Number(end.low) : offset);
    }
  }
  return lag;
}

/**
 * Waits until the group has caught up with every topic, returning how many messages it had to
 * replay. The harness's group reads every topic from the beginning, so earlier runs' messages
 * would otherwise be measured as part of this run.
 */
export async function waitForCaughtUp(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const backlog = await lagOf(admin, groupId, topics);
  while ((await lagOf(admin, groupId, topics)) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  return backlog;
}

/**
 * Deletes the topic's records up to its current end. Every harness replays every topic from the
 * beginning, so leaving a benchmark's messages behind would slow every later test run.
 */
export async function deleteRecordsUpToEnd(admin: Admin, topic: string): Promise<void> {
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.deleteTopicRecords({ topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
}
