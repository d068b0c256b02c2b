// The admin sql field, probed as a hostile client would: it reads the event tables and the memos
// tables and reaches nothing else, not the host, not the access tokens, not the server's files,
// password hashes or other sessions. In server mode Trino's access control and PostgreSQL's
// privileges stand one behind the other; in the embedded default PostgreSQL's alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { connectTrino, trinoRows } from '../db/trino.ts';
import { startHarness, testMode, type Harness } from './harness.ts';

interface SqlAnswer {
  sql: { engine: string; rows: unknown[][] };
}
type Answer = Awaited<ReturnType<Harness['graphql']>>;

const sqlQuery = `query($q: String!) { sql(query: $q) { engine rows } }`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function assertRefused(answer: Answer, query: string, reason: RegExp): void {
  const [error] = answer.errors ?? [];
  assert.ok(error, `${query} was answered: ${JSON.stringify(answer.data)}`);
  assert.equal(error.extensions?.code, 'READ_ONLY', `${query}: ${error.message}`);
  assert.match(error.message, reason, query);
}

describe('sql reaches the event tables and memos, nothing else', () => {
  let h: Harness;
  let engine: string;
  const marker = join(tmpdir(), `lifestream-marker-${randomUUID()}`);
  const ask = (q: string) => h.graphql<SqlAnswer>(sqlQuery, { q });
  /** Trino speaks its own SQL: PostgreSQL's reaches the database only through the catalog's query table function. */
  const inPostgres = (q: string) => (engine === 'trino' ? `SELECT * FROM TABLE(${h.env.TRINO_TIMELINE_CATALOG}.system.query(query => ${literal(q)}))` : q);
  const refusal = (postgresReason: RegExp) => (engine === 'trino' ? /Access Denied/ : postgresReason);

  before(async () => {
    h = await startHarness(testMode);
    engine = (await ask('SELECT 1')).data!.sql.engine;
  });
  after(async () => {
    await h.close();
    rmSync(marker, { force: true });
  });

  it('runs no program on the host, however the statement is dressed', async () => {
    const copy = `COPY (SELECT 1) TO PROGRAM ${literal(`touch ${marker}`)}`;
    const probes: [string, RegExp][] =
      engine === 'trino'
        ? [
            [`CALL ${h.env.TRINO_TIMELINE_CATALOG}.system.execute(query => ${literal(copy)})`, /Access Denied: Cannot execute procedure/],
            [`SELECT 1 /* -- */; CALL ${h.env.TRINO_TIMELINE_CATALOG}.system.execute(query => ${literal(copy)})`, /mismatched input ';'/],
            [inPostgres(copy), /Access Denied: Cannot execute function/],
          ]
        : [
            [`SELECT 1 /* -- */; ${copy}`, /multiple commands/],
            [copy, /COPY to or from an external program/],
          ];
    for (const [probe, reason] of probes) assertRefused(await ask(probe), probe, reason);
    assert.equal(existsSync(marker), false, 'a program ran on the host');
  });

  it("reads no server file, no password hash, and stops no other role's session", async () => {
    for (const probe of [`SELECT pg_read_file('/etc/passwd')`, 'SELECT * FROM pg_shadow', 'SELECT * FROM pg_authid']) {
      assertRefused(await ask(inPostgres(probe)), probe, refusal(/permission denied/));
    }
    const terminate = 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename <> current_user';
    assertRefused(await ask(inPostgres(terminate)), terminate, refusal(/terminate/));
    const [count] = await h.services.store.query<{ n: number }>('SELECT count(*)::int AS n FROM heart_rate');
    assert.equal(typeof count!.n, 'number', "the application's own connections still work");
  });

  it('reads no access token, also not through query_to_xml', async () => {
    assertRefused(await ask('SELECT * FROM access_token'), 'access_token', engine === 'trino' ? /Access Denied: Cannot select from table/ : /permission denied for table access_token/);
    const probe = `SELECT query_to_xml('select * from access_token', true, false, '')`;
    assertRefused(await ask(inPostgres(probe)), probe, refusal(/permission denied for table access_token/));
  });

  it('creates no table, not even a temporary one', async () => {
    const probe = 'CREATE TEMP TABLE scratch (x int)';
    assertRefused(await ask(inPostgres(probe)), probe, refusal(/read-only transaction/));
  });

  it("runs the application as a role that is no superuser, and the sql role with SELECT on the event tables alone", async () => {
    const [app] = await h.services.store.query<{ rolsuper: boolean; rolcreaterole: boolean }>('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user');
    assert.deepEqual(app, { rolsuper: false, rolcreaterole: false });
    const reader = postgres(h.services.sqlDatabaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const [privileges] = await reader`
        SELECT r.rolsuper, has_database_privilege(current_user, current_database(), 'TEMP') AS temp,
               pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') AS programs,
               pg_has_role(current_user, 'pg_read_server_files', 'USAGE') AS files,
               has_table_privilege('access_token', 'SELECT') AS tokens,
               has_table_privilege('heart_rate', 'SELECT') AS events,
               has_table_privilege('heart_rate', 'INSERT') AS writes
        FROM pg_roles r WHERE r.rolname = current_user`;
      assert.deepEqual({ ...privileges }, { rolsuper: false, temp: false, programs: false, files: false, tokens: false, events: true, writes: false });
    } finally {
      await reader.end();
    }
  });

  it("keeps the sql field's Trino user to reading its two catalogs", async (t) => {
    if (engine !== 'trino') return t.skip('server mode with Trino only');
    const catalog = h.env.TRINO_TIMELINE_CATALOG!;
    for (const [probe, reason] of [
      ['SELECT * FROM system.runtime.queries', /Access Denied: Cannot access catalog system/],
      [`CREATE CATALOG stolen USING postgresql WITH ("connection-url" = 'jdbc:postgresql://127.0.0.1/postgres')`, /Access Denied: Cannot create catalog/],
      [`DROP CATALOG ${catalog}`, /Access Denied: Cannot drop catalog/],
      [`SELECT * FROM ${h.env.TRINO_MEMOS_CATALOG}.public.access_token`, /Access Denied: Cannot select from table/],
      [`INSERT INTO heart_rate (id, device_id, time, received_at, bpm) VALUES ('x', 'x', current_timestamp, current_timestamp, 60)`, /Access Denied: Cannot insert into table/],
    ] as const) {
      assertRefused(await ask(probe), probe, reason);
    }
    // The stack's rules let the sql user see every timeline and memos catalog (other test runs' too), no other.
    const catalogs = (await ask('SHOW CATALOGS')).data!.sql.rows.flat();
    assert.ok(catalogs.includes(catalog) && catalogs.includes(h.env.TRINO_MEMOS_CATALOG), JSON.stringify(catalogs));
    assert.deepEqual(catalogs.filter((name) => !/^(timeline|memos)(_\w+)?$/.test(String(name))), []);
  });

  it("meets PostgreSQL's privileges behind Trino: the catalogs log in as the sql role", async (t) => {
    if (engine !== 'trino') return t.skip('server mode with Trino only');
    // The application's own Trino user may select any table of its catalogs; PostgreSQL still refuses.
    const trino = connectTrino({ url: h.env.TRINO_URL!, user: h.services.config.TRINO_USER });
    await assert.rejects(trinoRows(trino, `SELECT * FROM ${h.env.TRINO_TIMELINE_CATALOG}.public.access_token`), /permission denied for table access_token/);
  });
});

describe('sql in server mode without Trino', { skip: testMode !== 'server' && 'server mode only' }, () => {
  it('reads the event tables as the sql role (LIFESTREAM_SQL_DATABASE_URL), refusing the rest', async () => {
    const h = await startHarness('server', { TRINO_URL: undefined });
    try {
      const count = await h.graphql<SqlAnswer>(sqlQuery, { q: 'SELECT count(*)::int FROM heart_rate' });
      assert.deepEqual(count.data?.sql, { engine: 'postgresql', rows: [[0]] });
      assertRefused(await h.graphql(sqlQuery, { q: 'SELECT * FROM access_token' }), 'access_token', /permission denied for table access_token/);
    } finally {
      await h.close();
    }
  });

  it('says how to turn it on when neither LIFESTREAM_SQL_DATABASE_URL nor TRINO_URL is set', async () => {
    const h = await startHarness('server', { TRINO_URL: undefined, LIFESTREAM_SQL_DATABASE_URL: undefined });
    try {
      const [error] = (await h.graphql(sqlQuery, { q: 'SELECT 1' })).errors ?? [];
      assert.equal(error?.extensions?.code, 'SQL_NOT_CONFIGURED');
      assert.match(error.message, /set LIFESTREAM_SQL_DATABASE_URL .* or TRINO_URL/);
    } finally {
      await h.close();
    }
  });
});
