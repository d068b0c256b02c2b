// The persistence consumer's INSERTs are prepared once per connection and then only bound: on a
// real PostgreSQL each kind's statement is planned once, still idempotent, and still right after a
// migration changes the kind's table under the prepared statement.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { insertEvents } from '../db/persist.ts';
import { openPostgresStore } from '../db/postgres.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { setUpDatabase } from '../db/roles.ts';
import type { Store } from '../db/store.ts';
import { tableName } from '../db/tables.ts';
import { loadConfig } from '../schema/config.ts';
import { catalogue } from '../schema/catalogue.ts';
import { decodeEvent } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { stackEnv } from './stack-env.ts';
import { loginOf, onDatabase, testMode } from './harness.ts';

function heartRateEvent(id: string, second: number, bpm: number): Event {
  const time = new Date(Date.UTC(2026, 5, 1, 9, 0, second)).toISOString();
  const decoded = decodeEvent(JSON.stringify({ id, kind: heartRate.name, deviceId: 'watch', time, receivedAt: time, payload: { bpm } }), catalogue);
  if (!('event' in decoded)) throw new Error(`sample does not decode: ${JSON.stringify(decoded)}`);
  return decoded.event;
}

describe('prepared writes on PostgreSQL', { skip: testMode !== 'server' && 'PostgreSQL server only: the embedded database runs the same driver code' }, () => {
  const database = `lifestream_prepared_${randomUUID().slice(0, 8)}`;
  const env = testMode === 'server' ? stackEnv() : {};
  const admin = postgres(env.LIFESTREAM_STACK_ADMIN_DATABASE_URL ?? 'postgres://unused', { max: 1, onnotice: () => {} });
  let store: Store;
  const preparedInserts = async () =>
    (await store.query<{ statement: string }>(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE $1`, [`%INSERT INTO "${tableName(heartRate)}"%`])).length;
  const storedBpm = async () =>
    (await store.query<{ id: string; bpm: number }>(`SELECT id, bpm FROM ${tableName(heartRate)} ORDER BY id`)).map(({ id, bpm }) => `${id}=${bpm}`);

  before(async () => {
    const config = loadConfig(env);
    await setUpDatabase(env.LIFESTREAM_STACK_ADMIN_DATABASE_URL!, database, { app: loginOf(config.DATABASE_URL!), reader: loginOf(config.LIFESTREAM_SQL_DATABASE_URL!) });
    const preparing = openPostgresStore(onDatabase(config.DATABASE_URL!, database));
    await prepareDatabase(preparing, config.LIFESTREAM_SQL_ROLE);
    await preparing.close();
    // One connection: pg_prepared_statements shows that session's statements.
    store = openPostgresStore(onDatabase(config.DATABASE_URL!, database), { maxConnections: 1 });
  });
  after(async () => {
    await store.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it("prepares a kind's INSERT once and reuses it: re-sent events are skipped, corrections replace", async () => {
    const first = [heartRateEvent('a', 1, 60), heartRateEvent('b', 2, 61)];
    assert.deepEqual(await insertEvents(store, first), first);
    assert.equal(await preparedInserts(), 1);
    const corrected = heartRateEvent('b', 2, 70);
    const third = heartRateEvent('c', 3, 62);
    assert.deepEqual(await insertEvents(store, [first[0]!, corrected, third]), [corrected, third]);
    assert.equal(await preparedInserts(), 1, 'the second batch ran the statement prepared for the first');
    assert.deepEqual(await storedBpm(), ['a=60', 'b=70', 'c=62']);
  });

  it('goes on writing after a migration changes the table under the prepared statement', async () => {
    await store.query(`ALTER TABLE ${tableName(heartRate)} ADD COLUMN added_by_a_later_migration text`);
    const later = heartRateEvent('d', 4, 63);
    assert.deepEqual(await insertEvents(store, [later, heartRateEvent('a', 1, 60)]), [later]);
    assert.deepEqual(await storedBpm(), ['a=60', 'b=70', 'c=62', 'd=63']);
  });
});
