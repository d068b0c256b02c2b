// The importers' one way into Lifestream: the ingest(events) mutation over HTTP with a token, as a
// device sends; events with bytes (mail attachments) as a GraphQL multipart request, the bytes as
// file parts rather than base64. Events the API refuses come back with the API's reason; an API that is away (503,
// a refused connection) is waited for, so a long import survives a restart of the server.
// Sent with undici's request over kept-alive connections: about half the CPU an event of fetch,
// with fetch's timeouts and redirects (docs/importers.md).
import pRetry, { AbortError } from 'p-retry';
import { Agent, errors, FormData, interceptors, request } from 'undici';
import { z } from 'zod';
import type { ImportedEvent, ImportedFile } from './imported-event.ts';

export interface RejectedImport {
  event: ImportedEvent;
  reason: string;
}

export interface LifestreamClient {
  /** Sends the events; resolves once the API has acknowledged them (durable), with those it refused. */
  ingest(events: readonly ImportedEvent[]): Promise<RejectedImport[]>;
}

const ingestReply = z.object({
  data: z.object({ ingest: z.object({ errors: z.array(z.object({ index: z.number(), field: z.string(), code: z.string(), message: z.string() })) }) }).nullish(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});
type IngestReply = z.infer<typeof ingestReply>;

const mutation = 'mutation Import($events: [EventInput!]!) { ingest(events: $events) { errors { index field code message } } }';

/**
 * The request: JSON, or where events carry files the multipart form of
 * github.com/jaydenseric/graphql-multipart-request-spec (`operations` with `file: null` where each
 * file goes, `map` naming those places, a part per file). a form is sent as multipart/form-data.
 */
function requestBody(events: readonly ImportedEvent[], deviceId: string): string | FormData {
  const files: { path: string; file: ImportedFile }[] = [];
  const inputs = events.map((e, index) => {
    const input: Record<string, unknown> = { id: e.id, deviceId, time: e.time, ...e.payload };
    for (const [field, file] of Object.entries(e.files ?? {})) {
      input[field] = { file: null, mimeType: file.mimeType };
      files.push({ path: `variables.events.${index}.${e.kind}.${field}.file`, file });
    }
    return { [e.kind]: input };
  });
  const operations = JSON.stringify({ query: mutation, variables: { events: inputs } });
  if (files.length === 0) return operations;
  const form = new FormData();
  form.append('operations', operations);
  form.append('map', JSON.stringify(Object.fromEntries(files.map(({ path }, part) => [String(part), [path]]))));
  files.forEach(({ file }, part) => form.append(String(part), new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.name ?? `file-${part}`));
  return form;
}

/** The address checked once, up front: a mistyped --url is said before the source is read. */
function graphqlUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new Error(`the Lifestream address "${url}" is no http(s) URL: give its /graphql address (--url or LIFESTREAM_URL), such as http://127.0.0.1:4000/graphql`);
  return parsed;
}

/**
 * The API's message without its "event 3 (heartRate): ", the event's place in a batch the import made
 * up, which the report would show as if it were a place in the source; the report names the event.
 */
const withoutBatchPlace = (message: string) => message.replace(/^event \d+ \([^)]*\): /, '');

/** The first cause of an error: "connect ECONNREFUSED 127.0.0.1:4000" under ours. */
function innermost(error: Error): string {
  let at: Error = error;
  while (at.cause instanceof Error) at = at.cause;
  return at.message;
}

export interface ClientOptions {
  url: string;
  token: string;
  deviceId: string;
  retries?: number;
  /** Told of each failed attempt that will be tried again, so that a wait of seconds is not silent. */
  onRetry?: (why: string) => void;
}

export function lifestreamClient(options: ClientOptions): LifestreamClient {
  const url = graphqlUrl(options.url);
  // Connections kept alive and reused batch after batch, about one per request in flight. The
  // timeouts and redirects are fetch's: 10 s to connect, 300 s for the answer's headers and between
  // its body's chunks, up to 20 redirects (a 307 or 308 sends the batch again; no token to another origin).
  const dispatcher = new Agent({ connectTimeout: 10_000, headersTimeout: 300_000, bodyTimeout: 300_000 }).compose(interceptors.redirect({ maxRedirections: 20 }));
  const post = async (body: string | FormData) => {
    try {
      return await request(url, {
        dispatcher,
        method: 'POST',
        // A form's content type (multipart, with its boundary) is set by undici.
        headers: { authorization: `Bearer ${options.token}`, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) },
        body,
      });
    } catch (error) {
      // A request undici refuses to send (a token that is no header value) fails the same way on every try.
      if (error instanceof errors.InvalidArgumentError) throw new AbortError(error);
      throw new Error(`Lifestream at ${options.url} cannot be reached: is it running there? (npm start starts it; --url or LIFESTREAM_URL names another)`, { cause: error });
    }
  };
  const send = async (events: readonly ImportedEvent[]): Promise<IngestReply> => {
    const response = await post(requestBody(events, options.deviceId));
    if (response.statusCode === 503) throw new Error(`Lifestream at ${options.url} is unavailable (503): ${await response.body.text()}`);
    const parsed = ingestReply.safeParse(await response.body.json().catch(() => undefined));
    if (!parsed.success) throw new AbortError(`Lifestream at ${options.url} answered HTTP ${response.statusCode} with no GraphQL reply; is --url the /graphql address?`);
    const reply = parsed.data;
    const unavailable = reply.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
    if (unavailable) throw new Error(`Lifestream at ${options.url} is unavailable: ${reply.errors!.map((e) => e.message).join('; ')}`);
    if (!reply.data?.ingest) {
      const why = reply.errors?.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`).join('; ') ?? `HTTP ${response.statusCode}`;
      // The server's LIFESTREAM_MAX_BATCH or LIFESTREAM_MAX_BODY_BYTES is below what this import sends at once.
      const tooLarge = reply.errors?.some((e) => e.extensions?.code === 'BATCH_TOO_LARGE' || e.extensions?.code === 'PAYLOAD_TOO_LARGE');
      throw new AbortError(`Lifestream at ${options.url} refused the import batch: ${why}${tooLarge ? `; run the import with a smaller --batch-size (it sent ${events.length} events)` : ''}`);
    }
    return reply;
  };
  return {
    async ingest(events) {
      if (events.length === 0) return [];
      const reply = await pRetry(() => send(events), {
        retries: options.retries ?? 8,
        minTimeout: 250,
        maxTimeout: 10_000,
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0) options.onRetry?.(`${options.url} not answered (${innermost(error)}); trying again (${error.retriesLeft} ${error.retriesLeft === 1 ? 'try' : 'tries'} left)`);
        },
      });
      // Every event of an import carries one device: a token for another refuses them all, and taken
      // as skips they would pass, with the cursor saved after them, so a run with the right token
      // would find nothing left to send.
      const forbidden = reply.data!.ingest.errors.find((error) => error.code === 'FORBIDDEN_DEVICE');
      if (forbidden) {
        throw new Error(
          `Lifestream at ${options.url} refused the events of device "${options.deviceId}": ${withoutBatchPlace(forbidden.message)}; ` +
            "import with --device set to the token's device, or with an ingest token made without --device (npm run cli -- token create --scope ingest --name import). " +
            'Lifestream kept none of them, and the next run starts where this one did',
        );
      }
      const reasons = new Map<number, string[]>();
      for (const error of reply.data!.ingest.errors) reasons.set(error.index, [...(reasons.get(error.index) ?? []), `${withoutBatchPlace(error.message)} (${error.code})`]);
      return [...reasons].map(([index, why]) => ({ event: events[index]!, reason: why.join('; ') }));
    },
  };
}
