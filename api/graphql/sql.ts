// sql(query): ad hoc read-only SQL for admins in GraphiQL: through Trino (timeline and memos
// catalogs) in server mode, on the timeline database alone in the embedded default. The SQL is not
// inspected here: the engines refuse what the sql role may not do (docs/security.md).
import { SqlFailure, SqlRefused, type SqlColumn, type SqlResult } from '../../db/sql/port.ts';
import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { userError } from './errors.ts';

const sqlColumn = builder.objectRef<SqlColumn>('SqlColumn').implement({
  fields: (t) => ({ name: t.exposeString('name'), type: t.exposeString('type') }),
});

const sqlResult = builder.objectRef<SqlResult>('SqlResult').implement({
  fields: (t) => ({
    engine: t.exposeString('engine', { description: 'trino (server mode) or postgresql (embedded: the timeline tables only, no memos).' }),
    queryId: t.exposeString('queryId', { nullable: true }),
    columns: t.field({ type: [sqlColumn], resolve: (r) => r.columns }),
    rows: t.field({ type: ['JSON'], description: 'One array of values per row, in column order.', resolve: (r) => r.rows }),
    truncated: t.exposeBoolean('truncated', { description: 'More rows were there than maxRows: the query was stopped there.' }),
  }),
});

builder.queryField('sql', (t) =>
  t.field({
    type: sqlResult,
    authScopes: { admin: true },
    description: 'One read-only SQL statement on the event tables and memos, stopped after maxRows rows or LIFESTREAM_SQL_TIMEOUT_S seconds.',
    args: {
      query: t.arg.string({ required: true }),
      maxRows: t.arg.int({ description: 'At most LIFESTREAM_SQL_MAX_ROWS (the default).' }),
    },
    resolve: async (_root, args, { sql, config, deadline }) => {
      const maxRows = args.maxRows ?? config.LIFESTREAM_SQL_MAX_ROWS;
      if (maxRows < 1 || maxRows > config.LIFESTREAM_SQL_MAX_ROWS) throw userError('BAD_USER_INPUT', `maxRows must be 1–${config.LIFESTREAM_SQL_MAX_ROWS}, got ${maxRows}`);
      if (!sql) throw userError('SQL_NOT_CONFIGURED', 'sql is not configured: set LIFESTREAM_SQL_DATABASE_URL (the sql role\'s connection) or TRINO_URL');
      // The statement has its own time limit, enforced by the engine; the request waits for it.
      deadline.extendTo(config.LIFESTREAM_SQL_TIMEOUT_S * 1000);
      try {
        return await sql.run(args.query, { maxRows, timeoutMs: config.LIFESTREAM_SQL_TIMEOUT_S * 1000 });
      } catch (error) {
        if (error instanceof SqlRefused) {
          throw userError('READ_ONLY', `refused: ${error.message}. The sql field reads the event tables and the memos tables, one statement at a time, and changes nothing.`);
        }
        if (!(error instanceof SqlFailure)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: 'SQL_FAILED', engineCode: error.engineCode, queryId: error.queryId } });
      }
    },
  }),
);
