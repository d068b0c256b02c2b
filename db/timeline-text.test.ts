// The text search against the trigram indexes of migration 0007: every searchable kind's search
// expression is the one its index covers (else PostgreSQL would read every row), and it finds text
// within a field, case-insensitively, but never across two fields.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { catalogue } from '../schema/catalogue.ts';
import { newEvent } from '../schema/event-codec.ts';
import { notification } from '../schema/kinds/os-and-apps.ts';
import { insertEvents } from './persist.ts';
import { openPgliteStore } from './pglite.ts';
import type { Store } from './store.ts';
import { tableName } from './tables.ts';
import { containsPattern, searchableKinds, textMatch } from './timeline-text.ts';

describe('timeline text search', () => {
  let store: Store;
  before(async () => {
    store = openPgliteStore(new PGlite({ extensions: { pg_trgm } }));
    await store.migrate();
  });
  after(() => store.close());

  it("reads each searchable kind's trigram index, not every row", async () => {
    for (const kind of searchableKinds(catalogue)) {
      const plan = await store.transaction<{ 'QUERY PLAN': string }>([
        { text: 'SET LOCAL enable_seqscan = off', params: [] },
        { text: `EXPLAIN SELECT count(*) FROM ${tableName(kind)} t WHERE ${textMatch(kind, '$1')}`, params: [containsPattern('invoice')] },
      ]);
      const lines = plan[1]!.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(lines, new RegExp(`Index Scan on ${tableName(kind)}_text_idx`), `${kind.name}:\n${lines}`);
    }
  });

  it('finds text inside any one field, whatever its case, and not across two fields', async () => {
    const event = newEvent(notification, { deviceId: 'phone', time: new Date('2026-06-01T09:00:00.000Z'), payload: { packageName: 'org.mail', appName: 'Mail', action: 'POSTED', title: 'Invoice 42 is due' } });
    await insertEvents(store, [event]);
    const found = async (text: string) =>
      (await store.query<{ id: string }>(`SELECT id FROM ${tableName(notification)} t WHERE ${textMatch(notification, '$1')}`, [containsPattern(text)])).map((row) => row.id);
    assert.deepEqual(await found('INVOICE 4'), [event.id]);
    assert.deepEqual(await found('org.mail'), [], 'packageName is not searched');
    assert.deepEqual(await found('mailinvoice'), []);
    assert.deepEqual(await found('mail invoice'), []);
  });
});
