import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOnlyProblem } from './read-only.ts';

describe('read-only SQL guard', () => {
  it('lets reading statements through', () => {
    for (const sql of [
      'SELECT 1',
      'select * from memo;',
      "WITH m AS (SELECT * FROM memos.memos.memo) SELECT count(*) FROM m",
      'SHOW TABLES',
      'EXPLAIN SELECT 1',
      "SELECT 'drop table x; delete' AS harmless -- update in a comment",
    ]) {
      assert.equal(readOnlyProblem(sql), undefined, sql);
    }
  });

  it('refuses writes, several statements and EXPLAIN ANALYZE, saying why', () => {
    assert.match(readOnlyProblem('DELETE FROM heart_rate')!, /not DELETE/);
    assert.match(readOnlyProblem('WITH gone AS (DELETE FROM heart_rate RETURNING *) SELECT * FROM gone')!, /contains DELETE/);
    assert.match(readOnlyProblem('SELECT 1; DROP TABLE heart_rate')!, /one statement/);
    assert.match(readOnlyProblem('EXPLAIN ANALYZE SELECT 1')!, /use EXPLAIN/);
    assert.match(readOnlyProblem('  -- nothing\n ')!, /empty/);
    assert.match(readOnlyProblem('create table t (x int)')!, /not CREATE/);
  });
});
