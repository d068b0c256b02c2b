// The process configuration, from the environment, validated once at start. A malformed setting
// stops the start with a message that names it. Each service that is not configured runs embedded.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { suggestionList } from 'graphql/jsutils/suggestionList.js';
import { z } from 'zod';
import { deploymentTopic } from './naming.ts';

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

export const settingsSchema = z.object({
  PORT: port.default(4000).describe('HTTP port: the web app at /, GraphQL and GraphiQL at /graphql, /healthz, /readyz, /metrics and /blobs.'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Address to bind; the default answers this machine only.'),
  LIFESTREAM_CONSUMER_PORT: port.optional().describe('A consumer process of its own (npm run consumer -- <name>) serves /healthz and /metrics on this port, without a token, for probes and Prometheus inside a cluster. Unset: it serves none.'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional().describe('PostgreSQL or TimescaleDB, postgres://... Unset: an embedded PostgreSQL server in $LIFESTREAM_DATA_DIR/postgres.'),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, { error: 'must be host:port[,host:port...]' })
    .transform((s) => s.split(','))
    .optional()
    .describe('Kafka brokers, host:port[,host:port...]. Unset: the in-process bus in $LIFESTREAM_DATA_DIR/bus.'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional().describe('redis://... (or rediss://): rate-limit counters, live fan-out and audio recording state, shared by every API and consumer instance. Unset: all of it in memory.'),
  LIFESTREAM_DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .transform((dir) => resolve(dir))
    .describe('What the process keeps on disk: blobs, and in the embedded default the database and the bus log.'),
  TRINO_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional().describe('http(s)://host:port of Trino: memo fields and the sql field go through it. Unset: memos are read from the MEMOS_DB file itself and sql runs on PostgreSQL.'),
  TRINO_USER: z.string().min(1).default('lifestream').describe('The user Trino queries run as.'),
  TRINO_SQL_USER: z.string().min(1).default('lifestream_sql').describe("The admin sql field's own Trino user: Trino's access control lets it read the timeline and memos catalogs' tables and nothing else. Must differ from TRINO_USER (npm run cli -- trino-rules prints the rules)."),
  TRINO_TIMELINE_CATALOG: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case SQL name' }).default('timeline').describe('Trino catalog (postgresql connector) on the timeline database.'),
  TRINO_MEMOS_CATALOG: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a lower-case SQL name' }).default('memos').describe('Trino catalog (postgresql connector) that sees the memos schema of the timeline database.'),
  LIFESTREAM_SQL_MAX_ROWS: z.coerce.number().int().min(1).default(10_000).describe('Most rows the sql field returns: its default maxRows and the ceiling of it.'),
  LIFESTREAM_SQL_TIMEOUT_S: z.coerce.number().int().min(1).default(30).describe('Longest a sql query may run, in seconds.'),
  LIFESTREAM_SQL_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$/, { error: 'must be a lower-case PostgreSQL role name' }).default('lifestream_reader').describe('The PostgreSQL role the sql field reads as; every start grants it SELECT on the event and memos tables, and refuses one that could reach further (a superuser, say).'),
  LIFESTREAM_SQL_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional().describe("Without Trino: the sql field's connection, logging in as LIFESTREAM_SQL_ROLE. The embedded default makes its own."),
  MEMOS_DB: z
    .string()
    .min(1)
    .transform((path) => resolve(path))
    .optional()
    .describe("Path of UseMemos' SQLite file (memos_prod.db), read-only; with TRINO_URL, a path on the PostgreSQL server's machine. Unset: memo fields answer MEMOS_NOT_CONFIGURED."),
  LIFESTREAM_SPEECH_LANGUAGE: z
    .string()
    .regex(/^([a-z]{2,3})?$/, { error: "must be a language code such as en, or empty to detect it" })
    .default('en')
    .describe('Language Whisper transcribes; empty detects it per segment (unreliable on short segments).'),
  LIFESTREAM_SPEECH_PROVIDER: z.enum(['auto', 'cpu', 'cuda']).default('auto').describe('Where speech-to-text runs: auto (CUDA when an NVIDIA GPU is visible, else the CPU), cpu or cuda.'),
  LIFESTREAM_MAP_TILES_URL: z
    .string()
    .regex(/^https?:\/\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, { error: 'must be an http(s) tile URL with {z}, {x} and {y}, such as https://tile.example.org/{z}/{x}/{y}.png' })
    .optional()
    .describe("A tile server for the web app's map, https://.../{z}/{x}/{y}.png (standard web-map tiles); the browser fetches them, so it must reach it. Unset: GPS tracks are drawn without tiles."),
  LIFESTREAM_MAP_TILES_ATTRIBUTION: z.string().default('').describe("The tiles' attribution shown under the map, such as © OpenStreetMap contributors."),
  LIFESTREAM_RECORDING_IDLE_S: z.coerce.number().min(0.1).default(30).describe('Seconds without a chunk after which a recording is closed: its last sentence is transcribed, later chunks are refused.'),
  LIFESTREAM_MODEL_IDLE_S: z.coerce.number().min(0.1).default(300).describe("Seconds a consumer keeps its models loaded with nothing to do: then the images and screen consumers' worker threads and the URL consumer's PDF reader and OCR end, and the VAD and speech-to-text models are released, freeing their memory; the next item loads them again (a few seconds)."),
  LIFESTREAM_IMAGE_WORKERS: z.coerce.number().int().min(1).max(64).default(1).describe('Worker threads the images consumer analyses with, one image each at a time, each holding its own models (about 500 MB); keep it at most the cores free for it.'),
  LIFESTREAM_IMAGE_MAX_PIXELS: z.coerce.number().int().min(1).default(100_000_000).describe('Largest image the images consumer analyses, in pixels, read from its header before decoding; a larger one is dead-lettered with TOO_MANY_PIXELS.'),
  LIFESTREAM_MOONDREAM_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s):// URL such as https://api.moondream.ai/v1 or http://localhost:2020/v1' })
    .refine((url) => !URL.canParse(url) || (!new URL(url).username && !new URL(url).password), { error: 'must not hold credentials: put the API key in LIFESTREAM_MOONDREAM_KEY' })
    .optional()
    .describe("Moondream's API root: https://api.moondream.ai/v1 (Moondream Cloud, with LIFESTREAM_MOONDREAM_KEY) or a Moondream Station, http://localhost:2020/v1. The images consumer asks it for each image's caption; when it fails, the caption is composed from the other models' findings and `model` says why. Unset: always composed."),
  LIFESTREAM_MOONDREAM_MODEL: z
    .string()
    .regex(/^([a-z0-9][a-z0-9.-]*|.*\/.*)$/, { error: 'must be the name of a Moondream model under MODELS_DIR, such as moondream-2b-int8, or a path to its folder (holding a /, such as ./models/moondream-2b-int8)' })
    .optional()
    .describe("In-process Moondream: a Moondream model of models/manifest.json under MODELS_DIR (moondream-2b-int8, moondream-0.5b-int8: npm run models -- pull <name>; any other name stops the images consumer's start) or a path to a folder of its release's unpacked files. The images consumer's workers load it on the first image and caption every image with it; when it is missing or fails, the caption is composed from the other models' findings and `model` says why. Not together with LIFESTREAM_MOONDREAM_URL. Unset: no in-process Moondream."),
  LIFESTREAM_MOONDREAM_KEY: z.string().min(1).optional().describe("Moondream Cloud's API key, sent as X-Moondream-Auth; a Moondream Station needs none."),
  LIFESTREAM_MOONDREAM_TIMEOUT_S: seconds.default(60).describe('Longest the images consumer waits for a Moondream caption (from the endpoint, or decoded in process, loading not counted), in seconds, before composing one instead.'),
  LIFESTREAM_MOONDREAM_CAPTION_LENGTH: z.enum(['short', 'normal', 'long']).default('normal').describe("Moondream's caption length: short (a sentence), normal or long."),
  LIFESTREAM_SCREEN_SESSION_IDLE_S: z.coerce.number().min(0.1).default(60).describe('Seconds without a keyframe after which a screen session is closed (its screenSession result emitted); later frames of it are refused.'),
  LIFESTREAM_SCREEN_MIN_FRAME_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(500).describe('Keyframes of a session closer in time than this to the last analysed one are skipped (counted, not analysed): the most frames a session costs is one per interval.'),
  LIFESTREAM_SCREEN_MAX_FRAMES_PER_BATCH: z.coerce.number().int().min(1).max(1_000).default(8).describe('Keyframes of one session analysed at most per batch; when the screen consumer falls behind, batches grow and the frames of a session in one are sampled evenly down to this (its last frame always kept), the rest skipped and counted.'),
  LIFESTREAM_SCREEN_DETECTOR: z
    .string()
    .regex(/^(centernet|[a-z0-9][a-z0-9.-]*|.*\/.*|.+\.onnx)$/, { error: 'must be centernet, the name of a model in models/manifest.json (such as yolo11n) or the path of an Ultralytics YOLO .onnx export' })
    .default('centernet')
    .describe("The screen consumer's object detector: centernet (the image pipeline's COCO-80 detector, which ships with npm ci), a model of models/manifest.json (yolo11n, after npm run models -- pull yolo11n) or the path of an Ultralytics YOLO v8/v11 detection export (.onnx, without NMS). Checked at start: a file that is missing or of another layout stops it."),
  LIFESTREAM_SCREEN_DETECTOR_CLASSES: commaList((name) => name.length <= 100, 'must be comma-separated class names of at most 100 characters each').describe("Class names of the LIFESTREAM_SCREEN_DETECTOR export, comma-separated in its class order, in place of those in its metadata (Ultralytics writes them there; an export without them needs this). Empty: the export's own."),
  LIFESTREAM_SCREEN_WORKERS: z.coerce.number().int().min(1).max(64).default(1).describe('Worker threads the screen consumer analyses keyframes with, each holding its own models (about 500 MB).'),
  LIFESTREAM_URL_ALLOW_ADDRESSES: commaList(isAddressOrNetwork, 'must be comma-separated IP addresses or networks such as 192.168.1.20 or 10.0.0.0/8').describe('Addresses or networks (comma-separated) the URL consumer may fetch from although they are private, loopback, link-local or otherwise not public; the cloud metadata address 169.254.169.254 only when named exactly. Empty: only public addresses (see docs/urls.md).'),
  LIFESTREAM_URL_TIMEOUT_S: seconds.max(600).default(30).describe('Longest one URL fetch may take, in seconds, redirects and body included; past it the task is dead-lettered with TIMEOUT.'),
  LIFESTREAM_URL_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5).describe('Redirects a URL fetch follows; one more is dead-lettered with TOO_MANY_REDIRECTS.'),
  LIFESTREAM_URL_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(32 * 1024 * 1024).describe('Largest response body a URL fetch reads, in bytes (32 MiB); a larger one is cut off and dead-lettered with TOO_LARGE.'),
  LIFESTREAM_PDF_MAX_PAGES: z.coerce.number().int().min(1).default(2000).describe('Most pages of a PDF the URL consumer extracts; a longer PDF is dead-lettered with TOO_MANY_PAGES.'),
  LIFESTREAM_PDF_OCR_MAX_PAGES: z.coerce.number().int().min(0).default(50).describe("Pages of one PDF without a text layer (scans) that the URL consumer renders and reads with the image pipeline's OCR, about 1–2 s each; later ones stay without text. 0: none (the OCR models are then never loaded)."),
  LIFESTREAM_TWEET_EMBED_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).default('https://cdn.syndication.twimg.com').describe("Where tweets' public embed data is read (<url>/tweet-result?id=...), the endpoint embedded tweets use; fetched under the same address rules as any URL."),
  LIFESTREAM_SUMMARY_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional().describe('An OpenAI-compatible API (its base URL, such as http://127.0.0.1:8080/v1) that summarises URL tasks\' text through /chat/completions. Unset: an extractive summary is computed here (summaryMethod EXTRACTIVE).'),
  LIFESTREAM_SUMMARY_MODEL: z.string().min(1).default('gpt-4o-mini').describe('The model named in summary requests to LIFESTREAM_SUMMARY_URL.'),
  LIFESTREAM_SUMMARY_API_KEY: z.string().min(1).optional().describe('Bearer token sent to LIFESTREAM_SUMMARY_URL, if it needs one.'),
  MODELS_DIR: z
    .string()
    .min(1)
    .default('./models')
    .transform((dir) => resolve(dir))
    .describe('Model weights, one folder per model of models/manifest.json (npm run models -- list; see models/README.md).'),
  LIFESTREAM_MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(10_000).describe('Most events per ingest request; more refuses the whole request with BATCH_TOO_LARGE.'),
  LIFESTREAM_MAX_FUTURE_SKEW_S: z.coerce.number().int().min(0).default(300).describe('How far ahead of the server clock an event time may be, in seconds (kinds whose time may be in the future, such as calendar entries, excepted).'),
  LIFESTREAM_ADMIN_TOKEN: z.string().min(24, { error: 'must be at least 24 characters' }).optional().describe('An admin token for automation, 24 characters or more. Unset: the first start creates one and prints it once.'),
  LIFESTREAM_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024).describe('Largest request body in bytes (32 MiB by default), and largest graphql-ws message.'),
  LIFESTREAM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200).describe('Requests a minute per token, graphql-ws operations included.'),
  LIFESTREAM_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30).describe('Failed authentications a minute from one client address; past it the address is refused (429 RATE_LIMITED, graphql-ws 1013) before any token is looked up.'),
  LIFESTREAM_TRUSTED_PROXIES: commaList(isAddressOrNetwork, 'must be comma-separated IP addresses or networks such as 10.42.0.0/16').describe('Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the client address. Empty: the connection peer is the client.'),
  LIFESTREAM_CORS_ORIGINS: commaList(isOrigin, 'must be comma-separated origins such as https://app.example.org (scheme, host and port; no path, no *)').describe('Origins of pages served elsewhere that may call the API (exact origins, comma-separated). Empty: CORS is off.'),
  LIFESTREAM_HTTP_IDLE_TIMEOUT_S: seconds.default(10).describe('Closes a connection that sends no request for this many seconds after connecting.'),
  LIFESTREAM_HTTP_HEADERS_TIMEOUT_S: seconds.default(20).describe('Closes a request whose headers are not all in within this many seconds (408).'),
  LIFESTREAM_HTTP_REQUEST_TIMEOUT_S: seconds.default(120).describe('Closes a request (headers and body) not all received within this many seconds; raise it for large uploads over slow links.'),
  LIFESTREAM_HTTP_KEEPALIVE_TIMEOUT_S: seconds.default(5).describe('Closes a kept-alive connection idle this many seconds after an answer.'),
  LIFESTREAM_MAX_QUERY_DEPTH: z.coerce.number().int().min(2).default(12).describe('Deepest GraphQL selection.'),
  LIFESTREAM_MAX_QUERY_COST: z.coerce.number().int().min(100).default(50_000).describe('graphql-armor cost limit of one operation.'),
  LIFESTREAM_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(10).describe('Most root fields in one operation, aliases and fragments counted; more answers TOO_MANY_ROOT_FIELDS.'),
  LIFESTREAM_REQUEST_TIMEOUT_S: z.coerce.number().min(0.1).max(3600).default(10).describe('Deadline of each query and mutation in seconds; past it the answer is DEADLINE_EXCEEDED and its database statements are cancelled (also PostgreSQL statement_timeout).'),
  LIFESTREAM_MAX_SUBSCRIPTIONS_PER_TOKEN: z.coerce.number().int().min(1).default(20).describe('Open live subscriptions a token may hold on one API instance.'),
  LIFESTREAM_LIVE_MAX_QUEUE: z.coerce.number().int().min(1).default(10_000).describe('Events queued for one live subscriber before it is dropped as too slow (close code 4429).'),
  LIFESTREAM_LIVE_KEEPALIVE_S: z.coerce.number().min(0.1).default(12).describe('WebSocket ping interval in seconds; a client silent for twice this is ended.'),
  LIFESTREAM_SHUTDOWN_TIMEOUT_S: z.coerce.number().min(1).max(3600).default(25).describe('Longest a stop (SIGTERM or Ctrl-C) may drain, in seconds, before the process exits anyway (code 1), leaving uncommitted batches to come again after the restart; a second signal exits at once. Keep it under the orchestrator\'s grace period (Kubernetes: 30 s).'),
  LIFESTREAM_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]{0,40}$/, { error: 'must be at most 40 lower-case letters, digits, _ or -, or empty for none' })
    .default('')
    .describe('Keeps this deployment apart from others on the same Kafka and Redis: topics become <namespace>.<seed name>, Redis keys and channels <namespace>:<name>. Empty: the seed names exactly.'),
  LIFESTREAM_GROUP_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'must be letters, digits, . _ -' })
    .optional()
    .describe('Prefix of the Kafka consumer groups (<prefix>.<consumer>) and of the audio state kept in the Cache. Unset: <namespace>.lifestream, or lifestream without a namespace.'),
}).superRefine((config, context) => {
  const sqlUser = config.LIFESTREAM_SQL_DATABASE_URL ? decodeURIComponent(new URL(config.LIFESTREAM_SQL_DATABASE_URL).username) : undefined;
  if (sqlUser !== undefined && sqlUser !== config.LIFESTREAM_SQL_ROLE) {
    context.addIssue({
      code: 'custom',
      path: ['LIFESTREAM_SQL_DATABASE_URL'],
      message: `logs in as "${sqlUser}", not as LIFESTREAM_SQL_ROLE "${config.LIFESTREAM_SQL_ROLE}": give it the sql role's credentials, or name that role in LIFESTREAM_SQL_ROLE`,
    });
  }
  if (config.LIFESTREAM_HTTP_HEADERS_TIMEOUT_S > config.LIFESTREAM_HTTP_REQUEST_TIMEOUT_S) {
    context.addIssue({ code: 'custom', path: ['LIFESTREAM_HTTP_HEADERS_TIMEOUT_S'], message: 'must be at most LIFESTREAM_HTTP_REQUEST_TIMEOUT_S (the headers are part of the request)' });
  }
  if (config.LIFESTREAM_MOONDREAM_MODEL !== undefined && config.LIFESTREAM_MOONDREAM_URL !== undefined) {
    context.addIssue({ code: 'custom', path: ['LIFESTREAM_MOONDREAM_MODEL'], message: 'must not be set together with LIFESTREAM_MOONDREAM_URL: caption with Moondream in process (this) or at an endpoint (that), and unset the other' });
  }
  if (config.TRINO_SQL_USER === config.TRINO_USER) {
    context.addIssue({ code: 'custom', path: ['TRINO_SQL_USER'], message: `must differ from TRINO_USER ("${config.TRINO_USER}"): Trino's access control keeps the sql field to reading by this user name` });
  }
});

// Consumer groups (Kafka names, like topics) follow the namespace unless named: two deployments in one
// group would take each other's partitions.
const configSchema = settingsSchema.transform((settings) => ({
  ...settings,
  LIFESTREAM_GROUP_PREFIX: settings.LIFESTREAM_GROUP_PREFIX ?? deploymentTopic(settings.LIFESTREAM_NAMESPACE, 'lifestream'),
}));

export type Config = z.infer<typeof configSchema>;

/** Every environment variable Lifestream reads. */
export const configNames = Object.keys(settingsSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {}

/** A setting as shown in an error: a URL's password, which logs keep, masked. */
function withoutPassword(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password === '') return value;
  url.password = '***';
  return url.toString();
}

/** LIFESTREAM_ variables that are no setting of a Lifestream process: its client programs', the local stack's and the tests'. */
const otherPrograms = /^LIFESTREAM_(TOKEN|URL|IMPORT_STATE_DIR|TEST_MODE|STACK_[A-Z0-9_]+)$/;

/**
 * LIFESTREAM_ variables that name no setting, each with the nearest setting: a misspelt one
 * (LIFESTREAM_DATADIR) would otherwise be ignored for its default, data kept in ./data.
 */
function unknownSettings(env: NodeJS.ProcessEnv): string[] {
  const known: readonly string[] = configNames;
  return Object.keys(env)
    .filter((name) => name.startsWith('LIFESTREAM_') && env[name] !== undefined && !known.includes(name) && !otherPrograms.test(name))
    .map((name) => {
      const [nearest] = suggestionList(name, known);
      return `  ${name} is not a setting${nearest ? `: did you mean ${nearest}?` : ''} (every setting is in docs/configuration.md)`;
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const unknown = unknownSettings(env);
  if (parsed.success && unknown.length === 0) return parsed.data;
  const malformed = (parsed.error?.issues ?? []).map((i) => {
    const name = String(i.path[0]);
    // zod's own: "Invalid input: expected number, received NaN".
    const why = i.code === 'invalid_type' && i.expected === 'number' ? 'must be a number' : i.message;
    return `  ${name} ${why} (got "${withoutPassword(env[name])}")`;
  });
  throw new ConfigError(`Lifestream cannot start, the configuration is wrong:\n${[...malformed, ...unknown].join('\n')}`);
}
