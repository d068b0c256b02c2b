import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableEventTables } from './reader-grants.ts';
import { trinoAccessRules } from './trino-access-rules.ts';

describe("Trino's access rules", () => {
  const rules = trinoAccessRules({ appUser: 'life.app', sqlUser: 'lifestream_sql', catalogs: '(timeline|memos)', appManagesCatalogs: false });
  const sqlTables = rules.tables.filter((rule) => rule.user === 'lifestream_sql');

  it('let the sql user select exactly the event tables and the memos schema', () => {
    const events = new RegExp(`^${sqlTables.find((rule) => rule.schema === 'public')!.table}$`);
    for (const table of readableEventTables()) assert.match(table, events);
    assert.doesNotMatch('access_token', events);
    assert.deepEqual(sqlTables.map((rule) => [rule.schema, rule.privileges]), [['public', ['SELECT']], ['memos', ['SELECT']]]);
  });

  it('grant no procedure, table function, impersonation or system information, and close other catalogs to the sql user', () => {
    assert.deepEqual([rules.procedures, rules.functions, rules.impersonation, rules.system_information], [[], [], [], []]);
    assert.deepEqual(rules.catalogs.slice(0, 2), [
      { user: 'lifestream_sql', catalog: '(timeline|memos)', allow: 'read-only' },
      { user: 'lifestream_sql', catalog: '.*', allow: 'none' },
    ]);
  });

  it('match user names literally and let the application manage catalogs only where asked', () => {
    assert.equal(rules.catalogs[2]!.user, 'life\\.app');
    assert.equal(rules.catalogs[2]!.allow, 'read-only');
    const stack = trinoAccessRules({ appUser: 'lifestream', sqlUser: 'lifestream_sql', catalogs: 'timeline', appManagesCatalogs: true });
    assert.deepEqual(stack.catalogs[2], { user: 'lifestream', catalog: '.*', allow: 'owner' });
  });
});
