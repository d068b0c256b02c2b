import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { openPgliteStore } from '../pglite.ts';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { prepareDatabase } from '../prepare.ts';
import type { Store } from '../store.ts';
import { readableEventTables, UnsafeSqlRole } from './reader-grants.ts';

describe("the sql role's grants", () => {
  let store: Store;
  const can = async (role: string, table: string, privilege: string) =>
    (await store.query<{ can: boolean }>(`SELECT has_table_privilege($1, $2, $3) AS can`, [role, table, privilege]))[0]!.can;

  before(async () => {
    store = openPgliteStore(new PGlite({ extensions: { pg_trgm } }));
    await store.query('CREATE ROLE reader LOGIN');
  });
  after(() => store.close());

  it('reads every event table, writes none, and never reads access tokens, also after a stray grant', async () => {
    assert.deepEqual(await prepareDatabase(store, 'reader'), { timescale: false, sqlRoleExists: true });
    for (const table of readableEventTables()) {
      assert.equal(await can('reader', table, 'SELECT'), true, table);
      assert.equal(await can('reader', table, 'INSERT'), false, table);
    }
    await store.query('GRANT SELECT, UPDATE ON access_token TO reader');
    await prepareDatabase(store, 'reader');
    assert.equal(await can('reader', 'access_token', 'SELECT'), false);
    assert.equal(await can('reader', 'access_token', 'UPDATE'), false);
  });

  it('reports a missing role instead of granting', async () => {
    assert.deepEqual(await prepareDatabase(store, 'nobody_here'), { timescale: false, sqlRoleExists: false });
  });

  it('refuses a role that reaches further than reading, naming why', async () => {
    await store.query('CREATE ROLE mighty SUPERUSER');
    await store.query('CREATE ROLE runner');
    await store.query('GRANT pg_execute_server_program TO runner');
    const refusal = (pattern: RegExp) => (error: unknown) => error instanceof UnsafeSqlRole && pattern.test(error.message);
    await assert.rejects(prepareDatabase(store, 'mighty'), refusal(/LIFESTREAM_SQL_ROLE "mighty" .*superuser/));
    await assert.rejects(prepareDatabase(store, 'runner'), refusal(/privileges of pg_execute_server_program/));
    const [app] = await store.query<{ name: string }>('SELECT current_user AS name');
    await assert.rejects(prepareDatabase(store, app!.name), refusal(/application role itself/));
    await store.query('CREATE ROLE insider');
    await store.query(`GRANT "${app!.name}" TO insider`);
    await assert.rejects(prepareDatabase(store, 'insider'), refusal(new RegExp(`privileges of ${app!.name}`)));
  });
});
