// One GraphQL client for everything: graphql-ws carries the queries and the live subscription over
// one socket, with the read token in the connection parameters. A refused token (close 4403, or
// 4401) ends the client and asks for sign-in again. Blobs (audio) come over HTTP with the same token.
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql.ts';

/** A GraphQL error as the API sends it, with its stable code. */
export class GraphQLRequestError extends Error {
  readonly code: string | undefined;
  constructor(errors: readonly { message: string; extensions?: Record<string, unknown> }[]) {
    super(errors.map((e) => e.message).join('; '));
    this.code = errors[0]?.extensions?.code as string | undefined;
  }
}

export interface LifestreamClient {
  query<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables): Promise<Result>;
  subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables: Variables,
    onData: (data: Result) => void,
    onError: (error: Error) => void,
  ): () => void;
  /** The bytes of a blob an event references, typed as its reference says. */
  fetchBlob(sha256: string, mimeType: string): Promise<Blob>;
  dispose(): void;
}

const refusedCloseCodes = new Set([4401, 4403]);
const isRefusal = (event: unknown) => typeof event === 'object' && event !== null && refusedCloseCodes.has((event as { code?: number }).code ?? 0);

/** A client of the Lifestream at `origin` (http[s]://host:port) with this token. */
export function connectLifestream(origin: string, token: string, onRefused: (reason: string) => void): LifestreamClient {
  const client: Client = createClient({
    url: `${origin.replace(/^http/, 'ws')}/graphql`,
    connectionParams: { authorization: `Bearer ${token}` },
    // A dropped connection comes back by itself; a refused token does not.
    retryAttempts: Infinity,
    shouldRetry: (event) => !isRefusal(event),
    on: {
      closed: (event) => {
        if (isRefusal(event)) onRefused('This token was refused: it is unknown or was revoked. Sign in with a read token.');
      },
    },
  });
  const toError = (error: unknown) =>
    Array.isArray(error) ? new GraphQLRequestError(error) : isRefusal(error) ? new GraphQLRequestError([{ message: 'token refused', extensions: { code: 'UNAUTHENTICATED' } }]) : error instanceof Error ? error : new Error('the connection to Lifestream closed');

  return {
    query(document, variables) {
      return new Promise((resolve, reject) => {
        let result: FormattedExecutionResult<Record<string, unknown>, unknown> | undefined;
        client.subscribe(
          { query: document.toString(), variables: variables as Record<string, unknown> },
          {
            next: (value) => void (result = value),
            error: (error) => reject(toError(error)),
            complete: () => {
              if (result?.errors?.length) reject(new GraphQLRequestError(result.errors));
              // Completed unanswered: the client was disposed (a refused token signs out) before the answer came.
              else if (!result) reject(new Error('the connection to Lifestream closed before it answered'));
              else resolve(result.data as never);
            },
          },
        );
      });
    },
    subscribe(document, variables, onData, onError) {
      return client.subscribe(
        { query: document.toString(), variables: variables as Record<string, unknown> },
        {
          next: (value) => (value.errors?.length ? onError(new GraphQLRequestError(value.errors)) : onData(value.data as never)),
          error: (error) => onError(toError(error)),
          complete: () => {},
        },
      );
    },
    async fetchBlob(sha256, mimeType) {
      const response = await fetch(`${origin}/blobs/${sha256}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`blob ${sha256}: HTTP ${response.status}`);
      return new Blob([await response.arrayBuffer()], { type: mimeType });
    },
    dispose: () => void client.dispose(),
  };
}
