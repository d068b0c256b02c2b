// Where the local stack keeps its files and which private ports it listens on.
import { join, resolve } from 'node:path';

export const stackDir = resolve(import.meta.dirname, '../../.stack');
export const envFile = join(stackDir, 'env');
// Maven's cache for Kafka's jars and Trino's server, inside the project so a second `up` is offline and fast.
export const mavenRepo = join(stackDir, 'maven-repo');

function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number 1–65535, got "${value}"`);
  }
  return port;
}

export const ports = {
  postgres: portFromEnv('LIFESTREAM_STACK_PG_PORT', 54329),
  redis: portFromEnv('LIFESTREAM_STACK_REDIS_PORT', 63799),
  kafka: portFromEnv('LIFESTREAM_STACK_KAFKA_PORT', 39092),
  kafkaController: portFromEnv('LIFESTREAM_STACK_KAFKA_CONTROLLER_PORT', 39093),
  trino: portFromEnv('LIFESTREAM_STACK_TRINO_PORT', 38080),
  imap: portFromEnv('LIFESTREAM_STACK_IMAP_PORT', 31143),
  caldav: portFromEnv('LIFESTREAM_STACK_CALDAV_PORT', 35232),
};

export const host = '127.0.0.1';
