// A device or viewer holding one graphql-ws socket, as the tests and benchmarks use it: a client
// with the token in its connection parameters, and one query or mutation sent over it.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface OperationResult<T> {
  data?: T;
  errors?: readonly { message: string }[];
}

export const socketClient = (httpUrl: string, token: string): Client =>
  createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });

/** One operation over the socket, answered once: what a device streaming chunks sends for each. */
export function overSocket<T>(client: Client, query: string, variables: Record<string, unknown>): Promise<OperationResult<T>> {
  return new Promise((resolve, reject) => {
    let result: OperationResult<T> = {};
    client.subscribe<T>({ query, variables }, { next: (r) => void (result = r as OperationResult<T>), error: reject, complete: () => resolve(result) });
  });
}
