// The admin sql field: read-only SQL with row and time limits, clear errors, writes refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface SqlAnswer {
  sql: { engine: string; queryId: string | null; columns: { name: string }[]; rows: unknown[][]; truncated: boolean };
}

const sqlQuery = `query($q: String!, $max: Int) { sql(query: $q, maxRows: $max) { engine queryId columns { name } rows truncated } }`;

describe('sql', () => {
  let h: Harness;
  const device = uniqueDevice('sql');
  const countQuery = `SELECT CAST(count(*) AS integer) AS n FROM heart_rate WHERE device_id = '${device}'`;

  before(async () => {
    // Long enough for Trino on a loaded machine, far short of the endless query below.
    h = await startHarness(testMode, { LIFESTREAM_SQL_TIMEOUT_S: '8', LIFESTREAM_SQL_MAX_ROWS: '100' });
    await h.startPersistence();
    const events = [0, 1, 2].map((i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 5, 1, 8, i)).toISOString(), bpm: 70 + i }));
    await h.graphql(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`, { e: events });
    await eventually(async () => {
      const answer = await h.graphql<SqlAnswer>(sqlQuery, { q: countQuery });
      return answer.data?.sql.rows[0]?.[0] === 3 ? true : undefined;
    }, 'three heart rates visible to sql');
  });
  after(() => h.close());

  it('answers a query with columns and rows, and stops at maxRows', async () => {
    const count = await h.graphql<SqlAnswer>(sqlQuery, { q: countQuery });
    assert.deepEqual(count.data!.sql.columns.map((c) => c.name), ['n']);
    assert.equal(count.data!.sql.truncated, false);
    const limited = await h.graphql<SqlAnswer>(sqlQuery, { q: `SELECT bpm FROM heart_rate WHERE device_id = '${device}' ORDER BY time`, max: 2 });
    assert.equal(limited.errors, undefined, JSON.stringify(limited.errors));
    assert.deepEqual(limited.data!.sql.rows, [[70], [71]]);
    assert.equal(limited.data!.sql.truncated, true);
    const tooMany = await h.graphql(sqlQuery, { q: 'SELECT 1', max: 101 });
    assert.match(JSON.stringify(tooMany.errors), /maxRows must be 1–100, got 101/);
  });

  it('refuses statements that write, and leaves the data alone', async () => {
    const engine = (await h.graphql<SqlAnswer>(sqlQuery, { q: 'SELECT 1' })).data!.sql.engine;
    const codeOf = async (q: string) => (await h.graphql(sqlQuery, { q })).errors?.[0]?.extensions?.code;
    for (const q of [`DELETE FROM heart_rate WHERE device_id = '${device}'`, 'SELECT 1; DROP TABLE heart_rate']) {
      assert.equal(await codeOf(q), 'READ_ONLY', q);
    }
    // PostgreSQL refuses the write inside WITH; Trino's grammar has no DELETE inside WITH at all.
    const hidden = `WITH gone AS (DELETE FROM heart_rate RETURNING *) SELECT count(*) FROM gone`;
    assert.equal(await codeOf(hidden), engine === 'trino' ? 'SQL_FAILED' : 'READ_ONLY', hidden);
    const count = await h.graphql<SqlAnswer>(sqlQuery, { q: countQuery });
    assert.deepEqual(count.data!.sql.rows, [[3]]);
  });

  it('passes on the engine error, and stops a query at the time limit', async () => {
    const wrong = await h.graphql(sqlQuery, { q: 'SELECT no_such_column FROM heart_rate' });
    const [error] = wrong.errors as { message: string; extensions: { code: string } }[];
    assert.equal(error!.extensions.code, 'SQL_FAILED');
    assert.match(error!.message, /no_such_column/);

    const engine = (await h.graphql<SqlAnswer>(sqlQuery, { q: 'SELECT 1' })).data!.sql.engine;
    const endless =
      engine === 'trino'
        ? 'SELECT sum(x * y * z) FROM UNNEST(sequence(1, 10000)) AS a(x) CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y) CROSS JOIN UNNEST(sequence(1, 10000)) AS c(z)'
        : 'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b';
    const stopped = await h.graphql(sqlQuery, { q: endless });
    const [timeout] = stopped.errors as { message: string; extensions: { code: string } }[];
    assert.equal(timeout!.extensions.code, 'SQL_FAILED');
    assert.match(timeout!.message, /timeout|exceeded|canceling/i);
  });

  it('types each column as the engine does, and gives numbers where JSON holds them exactly', async () => {
    const typedQuery = `query($q: String!) { sql(query: $q) { engine columns { name type } rows } }`;
    interface Typed {
      sql: { engine: string; columns: { name: string; type: string }[]; rows: unknown[][] };
    }
    const count = await h.graphql<Typed>(typedQuery, { q: `SELECT count(*) AS n, max(bpm) AS top FROM heart_rate WHERE device_id = '${device}'` });
    assert.equal(count.errors, undefined, JSON.stringify(count.errors));
    assert.deepEqual(count.data!.sql.columns.map((c) => [c.name, c.type]), [
      ['n', 'bigint'],
      ['top', count.data!.sql.engine === 'trino' ? 'double' : 'double precision'],
    ]);
    assert.deepEqual(count.data!.sql.rows, [[3, 72]]);
    const none = await h.graphql<Typed>(typedQuery, { q: `SELECT bpm, device_id FROM heart_rate WHERE device_id = 'nobody'` });
    assert.deepEqual(none.data!.sql.columns.map((c) => c.name), ['bpm', 'device_id'], 'a result without rows has its columns too');
    assert.deepEqual(none.data!.sql.rows, []);
    if (count.data!.sql.engine === 'postgresql') {
      // Past 2^53 a double is not exact: the engine's text, typed by the column (Trino's JSON answer has no such room).
      const big = await h.graphql<Typed>(typedQuery, { q: `SELECT 9007199254740993::bigint AS big, 1.5::numeric AS half, 12345678901234567890.5::numeric AS long` });
      assert.deepEqual(big.data!.sql.rows, [['9007199254740993', 1.5, '12345678901234567890.5']]);
      assert.deepEqual(big.data!.sql.columns.map((c) => c.type), ['bigint', 'numeric', 'numeric']);
    }
  });

  it('names the tables it reads when a query names one that is not there, keeping SQL_FAILED and the engine code', async () => {
    const missing = await h.graphql(sqlQuery, { q: 'SELECT * FROM heartrate' });
    const [error] = missing.errors as { message: string; extensions: { code: string; engineCode: string } }[];
    assert.equal(error!.extensions.code, 'SQL_FAILED');
    assert.ok(['42P01', 'TABLE_NOT_FOUND'].includes(error!.extensions.engineCode), error!.extensions.engineCode);
    assert.match(error!.message, /heartrate.*does not exist.*; the sql field reads these tables: .*\bheart_rate\b/);
    assert.doesNotMatch(error!.message, /access_token/, 'not the tables it may not read');
  });

  it('is for admins only', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "reader", scope: READ) { token } }`);
    const reader = await h.graphql(sqlQuery, { q: 'SELECT 1' }, created.data!.createAccessToken.token);
    assert.match(JSON.stringify(reader.errors), /not allowed|FORBIDDEN/);
  });
});
