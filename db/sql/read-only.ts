// The first guard of the sql field: one statement that only reads. The engines enforce it again
// (a READ ONLY transaction in PostgreSQL, Trino's read-only access control); this one answers
// with a clear reason before anything runs.

const readingStatements = ['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'DESCRIBE', 'EXPLAIN'];

/** SQL without its comments and string literals' contents, so keywords inside them do not count. */
function skeleton(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
}

/** Why the statement may not run, or undefined when it only reads. */
export function readOnlyProblem(sql: string): string | undefined {
  const bare = skeleton(sql).trim().replace(/;\s*$/, '');
  if (bare === '') return 'the query is empty';
  if (bare.includes(';')) return 'send one statement at a time';
  const [first = '', second = ''] = bare.split(/\s+/, 2).map((word) => word.toUpperCase());
  if (!readingStatements.includes(first)) return `only reading statements are allowed (${readingStatements.join(', ')}), not ${first}`;
  if (first === 'EXPLAIN' && second.startsWith('ANALYZE')) return 'EXPLAIN ANALYZE runs the statement: use EXPLAIN';
  const writes = /\b(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|CALL|COPY)\b/i.exec(bare);
  if (writes) return `the statement contains ${writes[1]!.toUpperCase()}: only reading statements are allowed`;
  return undefined;
}
