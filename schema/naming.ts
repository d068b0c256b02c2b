// The names a kind takes in each place it appears, all derived from its camelCase name.

export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export const snakeCase = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

export const screamingSnakeCase = (name: string): string => snakeCase(name).toUpperCase();

export const dlqTopic = (topic: string): string => `${topic}.dlq`;

// A deployment's namespace (LIFESTREAM_NAMESPACE) keeps deployments that share a Kafka or a Redis
// apart. Code and catalogue speak seed topic names and plain keys; only the Kafka bus, the topic
// creation and the Redis cache turn them into the deployment's own through these two functions.

/** The deployment's name for a seed topic: `<namespace>.<seed>`, or the seed name without a namespace. */
export const deploymentTopic = (namespace: string, seedTopic: string): string => (namespace ? `${namespace}.${seedTopic}` : seedTopic);

/** The deployment's name for a Redis key or pub/sub channel: `<namespace>:<key>`, or the key without a namespace. */
export const deploymentKey = (namespace: string, key: string): string => (namespace ? `${namespace}:${key}` : key);
