// The DateTime scalar: graphql-scalars' output, with input read by the same parser as ingestJson's
// times (schema/time-text.ts), so that both ingest paths take and refuse the same texts.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { notATime, parseTimeText } from '../../schema/time-text.ts';

function timeOf(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const time = typeof value === 'string' ? parseTimeText(value) : undefined;
  if (!time) throw new GraphQLError(`DateTime ${notATime(value)}`);
  return time;
}

export const dateTimeScalar = new GraphQLScalarType<Date, Date>({
  ...DateTimeResolver.toConfig(),
  parseValue: timeOf,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`DateTime must be a string such as "2026-06-01T09:30:00+02:00"`, { nodes: ast });
    try {
      return timeOf(ast.value);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      throw new GraphQLError(error.message, { nodes: ast });
    }
  },
});
