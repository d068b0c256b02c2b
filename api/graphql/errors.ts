// GraphQL errors with a stable extensions.code clients can branch on.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'AMBIGUOUS_EVENT_ID' | 'BATCH_TOO_LARGE' | 'BAD_USER_INPUT' | 'BAD_CURSOR' | 'FORBIDDEN' | 'NOT_FOUND' | 'TOO_MANY_SUBSCRIPTIONS' | 'TOO_MANY_BUCKETS'
  | 'MEMOS_NOT_CONFIGURED'
  | 'MEMOS_MISSING'
  | 'MEMOS_UNSUPPORTED'
  | 'MEMOS_BUSY'
  | 'MEMOS_UNREADABLE'
  | 'READ_ONLY'
  | 'DEADLINE_EXCEEDED'
  | 'CLIENT_CLOSED_REQUEST'
  | 'SQL_NOT_CONFIGURED';

export const userError = (code: ErrorCode, message: string) => new GraphQLError(message, { extensions: { code } });
