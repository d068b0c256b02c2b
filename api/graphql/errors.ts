// GraphQL errors with a stable extensions.code clients can branch on.
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BATCH_TOO_LARGE' | 'BAD_USER_INPUT' | 'BAD_CURSOR' | 'FORBIDDEN' | 'NOT_FOUND' | 'TOO_MANY_SUBSCRIPTIONS';

export const userError = (code: ErrorCode, message: string) => new GraphQLError(message, { extensions: { code } });
