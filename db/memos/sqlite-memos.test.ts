import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { buildMemosDb, dayOfNotes, type MemosVersion } from '../../test/fixtures/memos-db.ts';
import { startMemosWriter } from '../../test/fixtures/running-memos.ts';
import { MemosUnavailable } from './port.ts';
import { memosFileError, openSqliteMemos } from './sqlite-memos.ts';

const everything = { includeArchived: false };
const scratch = () => mkdtempSync(join(tmpdir(), 'lifestream-memos-'));
const fingerprint = (path: string) => ({ sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs });
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', name);

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
    assert.deepEqual(all.map((m) => m.uid), ['m-night', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee'], 'the comment m-run-stretch is not a note of its own');
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

    const around = await memos.createdBetween(new Date('2026-06-01T12:00:00Z'), new Date('2026-06-01T20:00:00Z'));
    assert.deepEqual(around.map((m) => m.uid), ['m-lunch', 'm-run'], 'the comment written at 19:02 is not around');
    assert.deepEqual(fingerprint(path), before);
  });

  for (const version of ['v0.21', 'v0.22', 'v0.24', 'current'] satisfies MemosVersion[]) {
    it(`reads a file of Memos ${version} as that Memos shows it`, async () => {
      const path = join(scratch(), 'memos_prod.db');
      buildMemosDb(path, dayOfNotes(), version);
      const memos = openSqliteMemos(path);
      const all = await memos.page({ includeArchived: true }, undefined, 100);
      const byUid = new Map(all.map((m) => [m.uid, m]));
      assert.deepEqual(all.map((m) => m.uid), ['m-night', 'm-old-todo', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee']);
      assert.deepEqual(Object.fromEntries(all.map((m) => [m.uid, m.tags])), {
        'm-night': ['reading'],
        'm-old-todo': ['admin'],
        'm-run': ['health', 'running'],
        'm-lunch': ['travel'],
        'm-idea': ['ideas', 'health'],
        'm-standup': ['work/meeting'],
        'm-coffee': ['coffee', 'sleep'],
      });
      assert.equal(byUid.get('m-standup')!.pinned, true);
      assert.equal(byUid.get('m-run')!.pinned, false);
      assert.deepEqual((await memos.page({ ...everything, tags: ['work'] }, undefined, 10)).map((m) => m.uid), ['m-standup'], 'work finds #work/meeting');
      assert.deepEqual(await memos.page({ ...everything, tags: ['wor'] }, undefined, 10), [], 'a tag is matched whole');
      // Locations came with v0.23.0; protojson leaves out a longitude of exactly 0.
      assert.deepEqual(byUid.get('m-run')!.location, version === 'v0.21' ? undefined : { placeholder: 'Greenwich Park', latitude: 51.4769, longitude: 0 });

      const [run, idea, lunch, standup] = ['m-run', 'm-idea', 'm-lunch', 'm-standup'].map((uid) => byUid.get(uid)!.id);
      const comments = await memos.commentsOn([run!, idea!]);
      assert.deepEqual(comments.map((c) => [c.uid, c.parentId, c.tags]), [['m-run-stretch', run, ['health']]]);
      assert.deepEqual(
        (await memos.relationsOf([run!, standup!])).map((r) => [r.type, r.memoUid, r.relatedMemoUid]),
        [['REFERENCE', 'm-idea', 'm-standup'], ['COMMENT', 'm-run-stretch', 'm-run']],
      );
      const attachments = await memos.attachmentsOf([lunch!, run!]);
      const photo = dayOfNotes().find((m) => m.uid === 'm-lunch')!.attachments![0]!;
      assert.deepEqual(
        attachments.map(({ memoId, uid, filename, type, sizeBytes }) => ({ memoId, uid, filename, type, sizeBytes })),
        [{ memoId: lunch, uid: 'm-lunch-file-0', filename: 'lunch.jpg', type: 'image/jpeg', sizeBytes: photo.bytes.length }],
      );
      assert.equal(Object.hasOwn(attachments[0]!, 'blob'), false, 'the bytes stay in the file');
    });
  }

  it('takes tags from the text when a version stored them nowhere else, leaving code and links aside', async () => {
    const path = join(scratch(), 'memos_prod.db');
    const db = new Database(path);
    db.exec(`CREATE TABLE memo (id INTEGER PRIMARY KEY, created_ts BIGINT NOT NULL, content TEXT NOT NULL)`);
    db.prepare(`INSERT INTO memo VALUES (1, 1780300000, ?)`).run('call mum #family #todo, then #todo again\n\n```c\n#include <stdio.h>\n```\nsee `#define` and [#notes](https://example.com/#anchor)');
    db.close();
    const [memo] = await openSqliteMemos(path).page(everything, undefined, 1);
    assert.deepEqual(memo!.tags, ['family', 'todo']);
    assert.equal(memo!.uid, '1');
  });

  it('names what is wrong with a missing file, a folder, a file that is not Memos, and an unknown schema', async () => {
    const dir = scratch();
    await assert.rejects(openSqliteMemos(join(dir, 'nowhere.db')).page(everything, undefined, 1), refusal('MEMOS_MISSING', /nowhere\.db.*does not exist/));
    await assert.rejects(openSqliteMemos(dir).page(everything, undefined, 1), refusal('MEMOS_UNSUPPORTED', /is not a file: point it at Memos' database file/));

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

  it("says what to do about SQLite's read-only, cannot-open and busy answers", () => {
    const sqliteError = (code: string) => Object.assign(new Error(code), { code });
    const answer = (code: string) => {
      const error = memosFileError('/srv/memos/memos_prod.db', sqliteError(code));
      return error instanceof MemosUnavailable ? [error.code, error.message] : ['unchanged', String(error)];
    };
    assert.match(answer('SQLITE_CANTOPEN').join(' '), /^MEMOS_UNREADABLE OS user .+ cannot read \/srv\/memos\/memos_prod\.db \(SQLITE_CANTOPEN\): it needs read access to the file, and to its -wal and -shm/);
    assert.equal(answer('SQLITE_READONLY_DIRECTORY')[0], 'MEMOS_UNREADABLE');
    assert.equal(answer('SQLITE_PERM')[0], 'MEMOS_UNREADABLE');
    assert.match(answer('SQLITE_READONLY_CANTINIT').join(' '), /^MEMOS_BUSY .*memos_prod\.db-shm must be rebuilt .*start Memos/);
    assert.match(answer('SQLITE_BUSY_RECOVERY').join(' '), /^MEMOS_BUSY .*locked by a writer/);
    assert.equal(answer('SQLITE_CORRUPT')[0], 'MEMOS_UNSUPPORTED');
    assert.equal(answer('SQLITE_ERROR')[0], 'unchanged');
  });

  it('reads beside a running Memos in WAL mode, seeing what it committed, and creates no file beside it, running or stopped', async () => {
    const dir = scratch();
    const path = join(dir, 'memos_prod.db');
    buildMemosDb(path, dayOfNotes());
    const memos = openSqliteMemos(path);
    const uids = async () => (await memos.page(everything, undefined, 100)).map((m) => m.uid);

    assert.equal((await uids()).length, 6);
    assert.deepEqual(readdirSync(dir), ['memos_prod.db'], 'Memos stopped: no -wal or -shm of ours');

    const memosProcess = startMemosWriter(path);
    assert.equal(await memosProcess.opened, 'open');
    assert.equal(await memosProcess.write('m-draft'), 'wrote m-draft');
    const shm = statSync(`${path}-shm`);
    assert.deepEqual((await uids()).slice(0, 1), ['m-draft'], "a commit still in Memos' WAL is seen");
    assert.equal(statSync(`${path}-shm`).ino, shm.ino, "Memos' -shm is the one read through");
    assert.equal(await memosProcess.write('m-draft-2'), 'wrote m-draft-2');
    await memosProcess.stop();
    assert.deepEqual(readdirSync(dir), ['memos_prod.db'], 'Memos checkpointed and removed its -wal and -shm');

    assert.deepEqual((await uids()).slice(0, 2), ['m-draft-2', 'm-draft']);
    assert.deepEqual(readdirSync(dir), ['memos_prod.db'], 'Memos stopped again: still nothing of ours');
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

  it('read as another OS user than Memos, leaves Memos able to write, stopped or running', async (t) => {
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv')) return t.skip('needs root and setpriv to act as two OS users');
    // Memos and Lifestream as two users of one group that may write the folder (the case that
    // locked Memos out: Lifestream's read created -wal and -shm that Memos could not write).
    const [memosUid, lifestreamUid, groupId] = [47001, 47002, 47000];
    const as = (uid: number) => ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${groupId}`, '--clear-groups', '--'];
    const base = scratch();
    chmodSync(base, 0o755);
    const dir = join(base, 'memos');
    mkdirSync(dir);
    const path = join(dir, 'memos_prod.db');
    buildMemosDb(path, dayOfNotes());
    chownSync(dir, memosUid, groupId);
    chmodSync(dir, 0o2775);
    chownSync(path, memosUid, groupId);
    chmodSync(path, 0o644);
    const readAsLifestream = () => {
      const run = spawnSync(as(lifestreamUid)[0]!, [...as(lifestreamUid).slice(1), process.execPath, '--import', 'tsx', fixture('memos-reader.ts'), path], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as { uids?: string[]; code?: string };
    };
    const owners = () => readdirSync(dir).map((name) => statSync(join(dir, name)).uid);

    assert.equal(readAsLifestream().uids?.length, 7, 'Memos stopped');
    assert.deepEqual(owners(), [memosUid]);

    const memosProcess = startMemosWriter(path, as(memosUid));
    assert.equal(await memosProcess.opened, 'open');
    assert.equal(await memosProcess.write('m-draft'), 'wrote m-draft');
    assert.equal(readAsLifestream().uids?.[0], 'm-draft', "Memos running: its WAL read through its -shm, which Lifestream's user cannot write");
    assert.equal(await memosProcess.write('m-after-read'), 'wrote m-after-read');
    await memosProcess.stop();

    assert.equal(readAsLifestream().uids?.[0], 'm-after-read');
    assert.deepEqual(owners(), [memosUid], 'nothing of the reader left beside the file');
    const restarted = startMemosWriter(path, as(memosUid));
    assert.equal(await restarted.opened, 'open');
    assert.equal(await restarted.write('m-restarted'), 'wrote m-restarted', 'Memos writes after Lifestream read its stopped file');
    await restarted.stop();

    chmodSync(path, 0o600);
    assert.equal(readAsLifestream().code, 'MEMOS_UNREADABLE', 'a file the reader may not read');
  });
});
