// The process configuration, from the environment, validated once at start. A malformed setting
// stops the start with a message that names it. Each service that is not configured runs embedded.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** A comma-separated list, each item checked by isItem; empty by default. */
const commaList = (isItem: (item: string) => boolean, error: string) =>
  z
    .string()
    .default('')
    .transform((list) => list.split(',').map((item) => item.trim()).filter(Boolean))
    .refine((items) => items.every(isItem), { error });

/** An origin exactly as a browser sends it: scheme, host and port, nothing after. */
const isOrigin = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value;

/** An IP address, or a network as address/prefix length. */
const isAddressOrNetwork = (value: string) => {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

const seconds = z.coerce.number().positive();

const configSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LIFESTREAM_CONSUMER_PORT: port.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, { error: 'must be host:port[,host:port...]' })
    .transform((s) => s.split(','))
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  LIFESTREAM_DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .transform((dir) => resolve(dir)),
  TRINO_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  TRINO_USER: z.string().min(1).default('lifestream'),
  TRINO_TIMELINE_CATALOG: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case SQL name' }).default('timeline'),
  TRINO_MEMOS_CATALOG: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case SQL name' }).default('memos'),
  LIFESTREAM_SQL_MAX_ROWS: z.coerce.number().int().min(1).default(10_000),
  LIFESTREAM_SQL_TIMEOUT_S: z.coerce.number().int().min(1).default(30),
  MEMOS_DB: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .optional(),
  LIFESTREAM_SPEECH_LANGUAGE: z
    .string()
    .regex(/^([a-z]{2,3})?$/, { error: "must be a language code such as en, or empty to detect it" })
    .default('en'),
  LIFESTREAM_SPEECH_PROVIDER: z.enum(['auto', 'cpu', 'cuda']).default('auto'),
  LIFESTREAM_MAP_TILES_URL: z
    .string()
    .regex(/^https?:\/\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, { error: 'must be an http(s) tile URL with {z}, {x} and {y}, such as https://tile.example.org/{z}/{x}/{y}.png' })
    .optional(),
  LIFESTREAM_MAP_TILES_ATTRIBUTION: z.string().default(''),
  LIFESTREAM_RECORDING_IDLE_S: z.coerce.number().min(0.1).default(30),
  MODELS_DIR: z
    .string()
    .min(1)
    .default('./models')
    .transform((dir) => resolve(dir)),
  LIFESTREAM_MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(10_000),
  LIFESTREAM_MAX_FUTURE_SKEW_S: z.coerce.number().int().min(0).default(300),
  LIFESTREAM_ADMIN_TOKEN: z.string().min(24, { error: 'must be at least 24 characters' }).optional(),
  LIFESTREAM_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024),
  LIFESTREAM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LIFESTREAM_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LIFESTREAM_TRUSTED_PROXIES: commaList(isAddressOrNetwork, 'must be comma-separated IP addresses or networks such as 10.42.0.0/16'),
  LIFESTREAM_CORS_ORIGINS: commaList(isOrigin, 'must be comma-separated origins such as https://app.example.org (scheme, host and port; no path, no *)'),
  LIFESTREAM_HTTP_IDLE_TIMEOUT_S: seconds.default(10),
  LIFESTREAM_HTTP_HEADERS_TIMEOUT_S: seconds.default(20),
  LIFESTREAM_HTTP_REQUEST_TIMEOUT_S: seconds.default(120),
  LIFESTREAM_HTTP_KEEPALIVE_TIMEOUT_S: seconds.default(5),
  LIFESTREAM_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12),
  LIFESTREAM_MAX_QUERY_COST: z.coerce.number().int().min(100).default(50_000),
  LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN: z.coerce.number().int().min(1).default(20),
  LIFESTREAM_LIVE_MAX_QUEUE: z.coerce.number().int().min(1).default(10_000),
  LIFESTREAM_LIVE_KEEPALIVE_S: z.coerce.number().min(0.1).default(12),
  LIFESTREAM_GROUP_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be letters, digits, . _ -' })
    .default('lifestream'),
})
  .refine((config) => config.LIFESTREAM_HTTP_HEADERS_TIMEOUT_S <= config.LIFESTREAM_HTTP_REQUEST_TIMEOUT_S, {
    path: ['LIFESTREAM_HTTP_HEADERS_TIMEOUT_S'],
    error: 'must be at most LIFESTREAM_HTTP_REQUEST_TIMEOUT_S (the headers are part of the request)',
  });

export type Config = z.infer<typeof configSchema>;

/** Every environment variable Lifestream reads. */
export const configNames = Object.keys(configSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    return `  ${name} ${i.message} (got "${env[name]}")`;
  });
  throw new ConfigError(`Lifestream cannot start, the configuration is wrong:\n${lines.join('\n')}`);
}
