// What the log keeps of a GraphQL error: a client's mistake (a GraphQL error made on purpose, such as a
// refused argument or a syntax error) as one line, for it is the client's to fix; anything else, a
// failure of ours, whole with its stack, while the client gets it masked.
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';

/** The longest message a log line repeats: an error may quote a value as large as the body. */
const maxLoggedMessage = 300;

/** A GraphQLError all the way down, as yoga tells its own errors from unexpected ones. */
const isClientError = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && (error.originalError == null || isClientError(error.originalError));

function oneLine(error: GraphQLError): string {
  const message = error.message.replace(/\s+/g, ' ');
  const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'GRAPHQL_ERROR';
  return `client error ${code}: ${message.length > maxLoggedMessage ? `${message.slice(0, maxLoggedMessage)}…` : message}`;
}

export const logAndMaskError: typeof maskError = (error, message, isDev) => {
  console.error(isClientError(error) ? oneLine(error) : error);
  return maskError(error, message, isDev);
};
