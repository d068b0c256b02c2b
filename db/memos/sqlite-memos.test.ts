import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { buildMemosDb, dayOfNotes } from '../../test/fixtures/memos-db.ts';
import { MemosUnavailable } from './port.ts';
import { openSqliteMemos } from './sqlite-memos.ts';

const everything = { includeArchived: false };
const scratch = () => mkdtempSync(join(tmpdir(), 'lifestream-memos-'));
const fingerprint = (path: string) => ({ sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs });

function refusal(code: string, pattern: RegExp) {
  return (error: unknown) => error instanceof MemosUnavailable && error.code === code && pattern.test(error.message);
}

describe('memos read from the SQLite file', () => {
  it('lists, searches, filters by tags and pages newest first, never writing the file', async () => {
    const path = join(scratch(), 'memos_prod.db');
    buildMemosDb(path, dayOfNotes());
    const before = fingerprint(path);
    const memos = openSqliteMemos(path);

    const all = await memos.page(everything, undefined, 100);
    assert.deepEqual(all.map((m) => m.uid), ['m-night', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee']);
    const coffee = all.at(-1)!;
    assert.deepEqual(coffee.tags, ['coffee', 'sleep']);
    assert.deepEqual(coffee.location, { placeholder: 'Café Einstein', latitude: 52.5065, longitude: 13.3546 });
    assert.equal(coffee.creator, 'ada');
    assert.equal(coffee.createdAt.toISOString(), '2026-06-01T07:05:00.000Z');
    assert.equal(all.find((m) => m.uid === 'm-standup')!.pinned, true);
    assert.equal(all.find((m) => m.uid === 'm-standup')!.title, 'Standup');

    assert.deepEqual((await memos.page({ ...everything, search: 'LISBON' }, undefined, 10)).map((m) => m.uid), ['m-lunch']);
    assert.deepEqual((await memos.page({ ...everything, tags: ['health'] }, undefined, 10)).map((m) => m.uid), ['m-run', 'm-idea']);
    assert.deepEqual((await memos.page({ ...everything, tags: ['health', 'running'] }, undefined, 10)).map((m) => m.uid), ['m-run']);
    assert.deepEqual((await memos.page({ includeArchived: true, tags: ['admin'] }, undefined, 10)).map((m) => m.uid), ['m-old-todo']);
    const morning = await memos.page({ ...everything, from: new Date('2026-06-01T07:05:00Z'), to: new Date('2026-06-01T11:42:00Z') }, undefined, 10);
    assert.deepEqual(morning.map((m) => m.uid), ['m-standup', 'm-coffee'], 'from is inclusive, to exclusive');

    const firstPage = await memos.page(everything, undefined, 4);
    const last = firstPage.at(-1)!;
    const secondPage = await memos.page(everything, { createdAt: last.createdAt, id: last.id }, 4);
    assert.deepEqual([...firstPage, ...secondPage].map((m) => m.uid), all.map((m) => m.uid));

    const around = await memos.createdBetween(new Date('2026-06-01T12:00:00Z'), new Date('2026-06-01T19:00:00Z'));
    assert.deepEqual(around.map((m) => m.uid), ['m-lunch', 'm-run']);
    assert.deepEqual(fingerprint(path), before);
  });

  it('reads the earlier schema: tags in their own column, pins in memo_organizer', async () => {
    const path = join(scratch(), 'memos_prod.db');
    buildMemosDb(path, dayOfNotes(), 'earlier');
    const all = await openSqliteMemos(path).page(everything, undefined, 100);
    assert.deepEqual(all.find((m) => m.uid === 'm-idea')!.tags, ['ideas', 'health']);
    assert.equal(all.find((m) => m.uid === 'm-standup')!.pinned, true);
    assert.equal(all.find((m) => m.uid === 'm-run')!.pinned, false);
  });

  it('takes tags from the text when a version stored them nowhere else', async () => {
    const path = join(scratch(), 'memos_prod.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE memo (id INTEGER PRIMARY KEY, created_ts BIGINT NOT NULL, content TEXT NOT NULL)`);
    db.prepare(`INSERT INTO memo VALUES (1, 1780300000, 'call mum #family #todo, then #todo again')`).run();
    db.close();
    const [memo] = await openSqliteMemos(path).page(everything, undefined, 1);
    assert.deepEqual(memo!.tags, ['family', 'todo']);
    assert.equal(memo!.uid, '1');
  });

  it('names what is wrong with a missing file, a file that is not Memos, and an unknown schema', async () => {
    const dir = scratch();
    await assert.rejects(openSqliteMemos(join(dir, 'nowhere.db')).page(everything, undefined, 1), refusal('MEMOS_MISSING', /nowhere\.db.*does not exist/));

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not a database, it is a shopping list: eggs, milk, more eggs, and so on'.repeat(20));
    await assert.rejects(openSqliteMemos(garbage).page(everything, undefined, 1), refusal('MEMOS_UNSUPPORTED', /not a readable SQLite database/));

    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE notes (id INTEGER)').close();
    await assert.rejects(openSqliteMemos(other).page(everything, undefined, 1), refusal('MEMOS_UNSUPPORTED', /has no memo table/));

    const odd = join(dir, 'odd.db');
    new Database(odd).exec('CREATE TABLE memo (id INTEGER, created_ts BIGINT)').close();
    await assert.rejects(openSqliteMemos(odd).page(everything, undefined, 1), refusal('MEMOS_UNSUPPORTED', /lacks content/));
  });

  it('reads beside a Memos writer in WAL mode, seeing only what it committed', async () => {
    const path = join(scratch(), 'memos_prod.db');
    buildMemosDb(path, dayOfNotes());
    const writer = new Database(path);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare(`INSERT INTO memo (uid, creator_id, created_ts, content) VALUES ('m-draft', 1, 1780400000, 'half written')`).run();
    const all = await openSqliteMemos(path).page(everything, undefined, 100);
    assert.equal(all.length, 6);
    writer.exec('COMMIT');
    assert.equal((await openSqliteMemos(path).page(everything, undefined, 100)).length, 7);
    writer.close();
  });

  it('waits for a writer holding the file locked (rollback journal), then says it is busy', async () => {
    const path = join(scratch(), 'memos_prod.db');
    buildMemosDb(path, dayOfNotes());
    const writer = new Database(path);
    writer.pragma('journal_mode = DELETE');
    writer.exec('BEGIN EXCLUSIVE');
    writer.prepare(`UPDATE memo SET content = content || '!'`).run();
    const memos = openSqliteMemos(path);
    await assert.rejects(memos.page(everything, undefined, 1), refusal('MEMOS_BUSY', /locked by a writer/));
    writer.exec('COMMIT');
    assert.equal((await memos.page(everything, undefined, 1)).length, 1, 'readable again once the writer is done');
    writer.close();
  });
});
