// UseMemos notes through GraphQL, read from the SQLite file: listing and search, the timeline
// around a note, the notes around an event, and clear errors when the file is not there.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildMemosDb, dayOfNotes } from './fixtures/memos-db.ts';
import { startMemosWriter } from './fixtures/running-memos.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

interface MemoNode {
  id: string;
  title: string | null;
  tags: string[];
  pinned: boolean;
  location: { placeholder: string } | null;
  context: { edges: { node: { time: string } }[] };
}

interface MemoDetail {
  id: string;
  tags: string[];
  location: { placeholder: string; latitude: number; longitude: number } | null;
  comments: { id: string; tags: string[] }[];
  relations: { type: string; memoId: string; relatedMemoId: string }[];
  attachments: { id: string; filename: string; type: string; sizeBytes: number }[];
}

describe('memos', () => {
  let h: Harness;
  const memosDir = mkdtempSync(join(tmpdir(), 'lifestream-memos-'));
  const memosDb = join(memosDir, 'memos_prod.db');
  const device = uniqueDevice('memos');
  // A heart rate every five minutes of the day.
  const heartRates = Array.from({ length: 288 }, (_, i) => ({ deviceId: device, time: new Date(Date.UTC(2026, 5, 1) + i * 300_000).toISOString(), bpm: 60 + (i % 40) }));

  before(async () => {
    buildMemosDb(memosDb, dayOfNotes());
    // In server mode PostgreSQL reads the file (ogr_fdw), as its own OS user.
    chmodSync(memosDir, 0o711);
    chmodSync(memosDb, 0o644);
    h = await startHarness(testMode, { MEMOS_DB: memosDb });
    await h.startPersistence();
    const result = await h.graphql(`mutation($e: [HeartRateInput!]!) { ingestHeartRate(events: $e) { acceptedCount } }`, { e: heartRates });
    assert.equal(result.errors, undefined);
    await eventually(async () => {
      const stored = await h.graphql<{ timeline: { edges: unknown[] } }>(
        `query($d: [ID!]) { timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", deviceIds: $d, first: 1000) { edges { cursor } } }`,
        { d: [device] },
      );
      return stored.data?.timeline.edges.length === heartRates.length ? true : undefined;
    }, 'the heart rates on the timeline');
  });
  after(() => h.close());

  it('lists notes newest first, by tag, each with the timeline around it', async () => {
    const result = await h.graphql<{ memos: { edges: { node: MemoNode }[]; hasNextPage: boolean } }>(
      `query($d: [ID!]) { memos(tags: ["health"]) { hasNextPage edges { node { id title tags pinned location { placeholder }
         context(window: 600, kinds: [HEART_RATE], deviceIds: $d) { edges { node { time ... on HeartRate { deviceId } } } } } } } }`,
      { d: [device] },
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const nodes = result.data!.memos.edges.map((e) => e.node);
    assert.deepEqual(nodes.map((n) => n.id), ['m-run', 'm-idea']);
    assert.equal(result.data!.memos.hasNextPage, false);
    // m-run was written at 18:15: heart rates every five minutes from 18:05 to 18:25 are within ten minutes of it.
    assert.deepEqual(nodes[0]!.context.edges.map((e) => e.node.time.slice(11, 16)), ['18:05', '18:10', '18:15', '18:20', '18:25']);
  });

  it('searches the text and pages with cursors, every note once', async () => {
    const search = await h.graphql<{ memos: { edges: { node: MemoNode }[] } }>(`{ memos(search: "lisbon") { edges { node { id tags location { placeholder } } } } }`);
    assert.deepEqual(search.data!.memos.edges.map((e) => e.node.location?.placeholder), ['Markthalle Neun']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data?: { memos: { edges: { node: { id: string } }[]; hasNextPage: boolean; endCursor: string | null } } } = await h.graphql(
        `query($after: String) { memos(first: 2, after: $after, includeArchived: true) { edges { node { id } } hasNextPage endCursor } }`,
        { after: cursor },
      );
      seen.push(...page.data!.memos.edges.map((e) => e.node.id));
      cursor = page.data!.memos.hasNextPage ? page.data!.memos.endCursor : null;
    } while (cursor);
    assert.deepEqual(seen, ['m-night', 'm-old-todo', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee']);
  });

  it('pages with pageInfo like every connection, the old top-level fields agreeing', async () => {
    type MemoPage = { nodes: { id: string }[]; hasNextPage: boolean; endCursor: string | null; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data?: { memos: MemoPage } } = await h.graphql(
        `query($after: String) { memos(first: 3, after: $after, includeArchived: true) { nodes { id } hasNextPage endCursor pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        { after: cursor },
      );
      const memos = page.data!.memos;
      assert.deepEqual([memos.hasNextPage, memos.endCursor], [memos.pageInfo.hasNextPage, memos.pageInfo.endCursor]);
      assert.equal(memos.pageInfo.hasPreviousPage, cursor !== null);
      seen.push(...memos.nodes.map((memo) => memo.id));
      cursor = memos.pageInfo.hasNextPage ? memos.pageInfo.endCursor : null;
    } while (cursor);
    assert.deepEqual(seen, ['m-night', 'm-old-todo', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee']);
  });

  it('refuses a page size outside a connection\'s limits, naming them', async () => {
    const memos = await h.graphql(`{ memos(first: 501) { nodes { id } } }`);
    assert.equal(memos.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(memos.errors?.[0]?.message ?? '', /first must be 1–500, got 501/);
    const timeline = await h.graphql(`{ timeline(from: "2026-06-01T00:00:00Z", to: "2026-06-02T00:00:00Z", first: 0) { nodes { id } } }`);
    assert.equal(timeline.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(timeline.errors?.[0]?.message ?? '', /first must be 1–1000, got 0/);
  });

  it('shows the notes written around each event of the timeline', async () => {
    const result = await h.graphql<{ timeline: { edges: { node: { time: string; memos: { id: string }[] } }[] } }>(
      `query($d: [ID!]) { timeline(from: "2026-06-01T12:50:00Z", to: "2026-06-01T13:10:00Z", deviceIds: $d) { edges { node { time memos(window: 300) { id } } } } }`,
      { d: [device] },
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const byTime = Object.fromEntries(result.data!.timeline.edges.map((e) => [e.node.time.slice(11, 16), e.node.memos.map((m) => m.id)]));
    // The lunch note was written at 12:58.
    assert.deepEqual(byTime, { '12:50': [], '12:55': ['m-lunch'], '13:00': ['m-lunch'], '13:05': [] });
  });

  it('answers a federated SQL join through Trino as Memo.context does', async (t) => {
    if (!h.env.TRINO_URL) return t.skip('the embedded default has no Trino: its sql field sees the timeline tables only');
    const joined = await h.graphql<{ sql: { rows: [string, number][] } }>(`query($q: String!) { sql(query: $q) { rows } }`, {
      q: `SELECT m.uid, CAST(count(h.id) AS integer) FROM ${h.env.TRINO_MEMOS_CATALOG}.memos.memo m
          LEFT JOIN heart_rate h ON h.device_id = '${device}' AND h.time BETWEEN from_unixtime(m.created_ts) - INTERVAL '10' MINUTE AND from_unixtime(m.created_ts) + INTERVAL '10' MINUTE
          WHERE m.row_status = 'NORMAL' AND NOT EXISTS (SELECT 1 FROM ${h.env.TRINO_MEMOS_CATALOG}.memos.memo_relation r WHERE r.memo_id = m.fid AND r.type = 'COMMENT')
          GROUP BY m.uid ORDER BY m.uid`,
    });
    assert.equal(joined.errors, undefined, JSON.stringify(joined.errors));
    const contexts = await h.graphql<{ memos: { edges: { node: { id: string; context: { edges: unknown[] } } }[] } }>(
      `query($d: [ID!]) { memos { edges { node { id context(window: 600, deviceIds: $d) { edges { cursor } } } } } }`,
      { d: [device] },
    );
    const throughApi = contexts.data!.memos.edges.map((e) => [e.node.id, e.node.context.edges.length]).sort();
    assert.deepEqual(joined.data!.sql.rows, throughApi);

    const attachments = await h.graphql<{ sql: { columns: { name: string }[] } }>(`query($q: String!) { sql(query: $q) { columns { name } } }`, {
      q: `SELECT * FROM ${h.env.TRINO_MEMOS_CATALOG}.memos.attachment`,
    });
    const columns = attachments.data!.sql.columns.map((c) => c.name);
    assert.ok(columns.includes('filename') && !columns.includes('blob'), `attachment bytes never reach Trino: ${columns.join(', ')}`);
  });

  it('shows comments under their note, relations, attachments, nested tags and a location on the prime meridian', async () => {
    const result = await h.graphql<{ memos: { edges: { node: MemoDetail }[] } }>(
      `{ memos { edges { node { id tags location { placeholder latitude longitude }
         comments { id tags } relations { type memoId relatedMemoId } attachments { id filename type sizeBytes } } } } }`,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    const byId = new Map(result.data!.memos.edges.map((e) => [e.node.id, e.node]));
    assert.deepEqual([...byId.keys()], ['m-night', 'm-run', 'm-lunch', 'm-idea', 'm-standup', 'm-coffee'], 'the comment is under its note only');
    const run = byId.get('m-run')!;
    assert.deepEqual(run.comments, [{ id: 'm-run-stretch', tags: ['health'] }]);
    assert.deepEqual(run.relations, [{ type: 'COMMENT', memoId: 'm-run-stretch', relatedMemoId: 'm-run' }]);
    assert.deepEqual(run.location, { placeholder: 'Greenwich Park', latitude: 51.4769, longitude: 0 });
    assert.deepEqual(byId.get('m-idea')!.relations, [{ type: 'REFERENCE', memoId: 'm-idea', relatedMemoId: 'm-standup' }]);
    assert.deepEqual(byId.get('m-standup')!.relations, [{ type: 'REFERENCE', memoId: 'm-idea', relatedMemoId: 'm-standup' }]);
    const photo = dayOfNotes().find((m) => m.uid === 'm-lunch')!.attachments![0]!;
    assert.deepEqual(byId.get('m-lunch')!.attachments, [{ id: 'm-lunch-file-0', filename: 'lunch.jpg', type: 'image/jpeg', sizeBytes: photo.bytes.length }]);
    assert.deepEqual(byId.get('m-coffee')!.comments, []);
    assert.deepEqual(byId.get('m-night')!.tags, ['reading']);

    const work = await h.graphql<{ memos: { edges: { node: { id: string; tags: string[] } }[] } }>(`{ memos(tags: ["work"]) { edges { node { id tags } } } }`);
    assert.deepEqual(work.data!.memos.edges.map((e) => e.node), [{ id: 'm-standup', tags: ['work/meeting'] }], 'work finds #work/meeting');
  });

  it('answers the timeline when the memos cannot be read, with an error at each event memos field only', async () => {
    const moved = `${memosDb}.moved`;
    renameSync(memosDb, moved);
    try {
      const result = await h.graphql<{ timeline: { edges: { node: { time: string; memos: unknown } }[] } }>(
        `query($d: [ID!]) { timeline(from: "2026-06-01T12:50:00Z", to: "2026-06-01T13:10:00Z", deviceIds: $d) { edges { node { time memos(window: 300) { id } } } } }`,
        { d: [device] },
      );
      assert.deepEqual(result.data?.timeline.edges.map((e) => [e.node.time.slice(11, 16), e.node.memos]), [['12:50', null], ['12:55', null], ['13:00', null], ['13:05', null]]);
      const errors = result.errors ?? [];
      assert.deepEqual(errors.map((e) => ('path' in e && Array.isArray(e.path) ? e.path.join('.') : '')).sort(), [0, 1, 2, 3].map((i) => `timeline.edges.${i}.node.memos`));
      assert.deepEqual([...new Set(errors.map((e) => e.extensions?.code))], [h.env.TRINO_URL ? 'MEMOS_UNREADABLE' : 'MEMOS_MISSING']);
    } finally {
      renameSync(moved, memosDb);
    }
  });

  it('refuses a device token, a bad cursor and a window out of range', async () => {
    const created = await h.graphql<{ createAccessToken: { token: string } }>(`mutation { createAccessToken(name: "phone", scope: INGEST, deviceId: "p") { token } }`);
    const phone = await h.graphql(`{ memos { edges { node { id } } } }`, {}, created.data!.createAccessToken.token);
    assert.match(JSON.stringify(phone.errors), /FORBIDDEN|not allowed/);
    const cursor = await h.graphql(`{ memos(after: "bm9wZQ") { edges { node { id } } } }`);
    assert.equal((cursor.errors as { extensions: { code: string } }[])[0]!.extensions.code, 'BAD_CURSOR');
    const window = await h.graphql(`{ memos { edges { node { context(window: -1) { edges { cursor } } } } } }`);
    assert.match(JSON.stringify(window.errors), /window must be 0–604800 seconds, got -1/);
  });

  it('says so when the memos file is gone, and reads it again once it is back', async () => {
    const moved = `${memosDb}.moved`;
    renameSync(memosDb, moved);
    try {
      const result = await h.graphql(`{ memos { edges { node { id } } } }`);
      const [error] = result.errors as { message: string; extensions: { code: string } }[];
      if (h.env.TRINO_URL) {
        assert.equal(error!.extensions.code, 'MEMOS_UNREADABLE');
        assert.match(error!.message, /could not be read through Trino and ogr_fdw: .*Trino query \w+/);
      } else {
        assert.equal(error!.extensions.code, 'MEMOS_MISSING');
        assert.match(error!.message, /memos_prod\.db \(MEMOS_DB\) does not exist/);
      }
    } finally {
      renameSync(moved, memosDb);
    }
    const again = await h.graphql<{ memos: { edges: unknown[] } }>(`{ memos { edges { node { id } } } }`);
    assert.equal(again.data!.memos.edges.length, 6);
  });
});

describe('memos of Memos v0.22 to v0.23.0, beside a running Memos', () => {
  let h: Harness;
  const memosDir = mkdtempSync(join(tmpdir(), 'lifestream-memos-v022-'));
  const memosDb = join(memosDir, 'memos_prod.db');

  before(async () => {
    buildMemosDb(memosDb, dayOfNotes(), 'v0.22');
    chmodSync(memosDir, 0o711);
    chmodSync(memosDb, 0o644);
    h = await startHarness(testMode, { MEMOS_DB: memosDb });
  });
  after(() => h.close());

  it('reads tags from payload.property, pins from memo_organizer, files from resource', async () => {
    const result = await h.graphql<{ memos: { edges: { node: { id: string; tags: string[]; pinned: boolean; comments: { id: string }[]; attachments: { filename: string }[] } }[] } }>(
      `{ memos(tags: ["health"]) { edges { node { id tags pinned comments { id } attachments { filename } } } } }`,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(result.data!.memos.edges.map((e) => e.node), [
      { id: 'm-run', tags: ['health', 'running'], pinned: false, comments: [{ id: 'm-run-stretch' }], attachments: [] },
      { id: 'm-idea', tags: ['ideas', 'health'], pinned: false, comments: [], attachments: [] },
    ]);
    const standup = await h.graphql<{ memos: { edges: { node: { id: string; pinned: boolean } }[] } }>(`{ memos(tags: ["work"]) { edges { node { id pinned } } } }`);
    assert.deepEqual(standup.data!.memos.edges.map((e) => e.node), [{ id: 'm-standup', pinned: true }]);
    const lunch = await h.graphql<{ memos: { edges: { node: { attachments: { filename: string; type: string }[] } }[] } }>(`{ memos(search: "lisbon") { edges { node { attachments { filename type } } } } }`);
    assert.deepEqual(lunch.data!.memos.edges[0]!.node.attachments, [{ filename: 'lunch.jpg', type: 'image/jpeg' }]);
  });

  it("sees what a running Memos committed but not yet checkpointed, and leaves no file beside Memos' own", async () => {
    const newest = async () => (await h.graphql<{ memos: { edges: { node: { id: string } }[] } }>(`{ memos(first: 1) { edges { node { id } } } }`)).data?.memos.edges[0]?.node.id;
    const memosProcess = startMemosWriter(memosDb);
    try {
      assert.equal(await memosProcess.opened, 'open');
      assert.equal(await memosProcess.write('m-draft'), 'wrote m-draft');
      assert.equal(await newest(), 'm-draft');
      assert.deepEqual(readdirSync(memosDir).sort(), ['memos_prod.db', 'memos_prod.db-shm', 'memos_prod.db-wal']);
      assert.equal(await memosProcess.write('m-draft-2'), 'wrote m-draft-2', 'Memos writes on while Lifestream reads');
    } finally {
      await memosProcess.stop();
    }
    assert.equal(await newest(), 'm-draft-2');
    assert.deepEqual(readdirSync(memosDir), ['memos_prod.db'], 'Memos stopped: no -wal or -shm left by the reader');
  });
});
