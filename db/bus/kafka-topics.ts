// Creates the catalogue's Kafka topics and their dead-letter twins on a cluster, under the
// deployment's namespace; topics that exist are left as they are. Used by the local stack and by
// `npm run cli -- topics create` (the Helm chart's install hook).
import { Kafka, logLevel } from 'kafkajs';
import { kafkaTopicNames } from '../../schema/catalogue.ts';
import { deploymentTopic } from '../../schema/naming.ts';

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
  /** LIFESTREAM_NAMESPACE, empty for the seed names. */
  namespace: string;
}

export async function createCatalogueTopics(brokers: string[], layout: TopicLayout, retries = 8): Promise<{ total: number; created: string[] }> {
  const wanted = kafkaTopicNames().map((topic) => deploymentTopic(layout.namespace, topic));
  const admin = new Kafka({ clientId: 'lifestream-topics', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries } }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: layout.partitions, replicationFactor: layout.replicationFactor })), waitForLeaders: true });
    }
    return { total: wanted.length, created: missing };
  } finally {
    await admin.disconnect();
  }
}
