// Errors in a request's variables (a wrong type, a missing required one), found before execution,
// answered as GraphQL over HTTP says: a request error, 200 with application/json and 400 with
// application/graphql-response+json, with a code to branch on. The executor marks them 400 for
// every media type and gives them no code.
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Refused by the executor before any field ran: no data, errors marked HTTP 400. */
const refusedBeforeExecution = (result: ExecutionResult) =>
  !('data' in result) && (result.errors ?? []).some((e) => isObject(e.extensions.http) && e.extensions.http.status === 400);

const asRequestErrors = (result: ExecutionResult): ExecutionResult => ({
  ...result,
  errors: result.errors?.map(
    (error) =>
      new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, code: error.extensions.code ?? 'BAD_USER_INPUT', http: { status: 400, spec: true } },
      }),
  ),
});

export function useVariableErrors(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!isAsyncIterable(result) && refusedBeforeExecution(result)) setResult(asRequestErrors(result));
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult({ result, setResult }) {
        if (!isAsyncIterable(result) && refusedBeforeExecution(result)) setResult(asRequestErrors(result));
      },
    }),
  };
}
