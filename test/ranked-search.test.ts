// timeline(text:, order: RELEVANCE): the matches best first across kinds, each edge with its score,
// paged by first and after without gaps or repeats; time order stays the default.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FixtureEvent } from '../scripts/demo/fixture-day.ts';
import { ingestFixture } from '../scripts/demo/ingest-fixture.ts';
import { eventually, startHarness, testMode, uniqueDevice, type Harness } from './harness.ts';

const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' };
const at = (minute: number) => new Date(Date.parse(range.from) + minute * 60_000).toISOString();
const filler = (words: number) => Array.from({ length: words }, (_, i) => `word${i}`).join(' ');

interface Edge {
  cursor: string;
  relevance: number | null;
  node: { id: string; kind: string; deviceId: string; time: string; headline: string };
}
interface Connection {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const timelineQuery = `query($from: DateTime!, $to: DateTime!, $d: [ID!], $text: String, $order: TimelineOrder, $first: Int, $after: String) {
  timeline(from: $from, to: $to, deviceIds: $d, text: $text, order: $order, first: $first, after: $after) {
    edges { cursor relevance node { id kind deviceId time headline } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('timeline text search in relevance order', () => {
  let h: Harness;
  const phone = uniqueDevice('ranked-phone');
  const laptop = uniqueDevice('ranked-laptop');
  const notification = (deviceId: string, minute: number, title: string, text?: string): FixtureEvent => ({
    notification: { deviceId, time: at(minute), packageName: 'org.mail', appName: 'Mail', action: 'POSTED', title, ...(text === undefined ? {} : { text }) },
  });
  const events: FixtureEvent[] = [
    notification(phone, 0, 'Newsletter', `${filler(150)} the aurora forecast ${filler(150)}`),
    notification(phone, 1, 'Aurora forecast'),
    { clipboard: { deviceId: laptop, time: at(2), text: 'aurora forecast, aurora forecast' } },
    notification(phone, 3, 'Rain all day'),
    // Ties: the same text on two devices, at one time and at several; two kinds.
    ...Array.from({ length: 6 }, (_, i) => notification(i % 2 ? phone : laptop, 10 + (i % 3), 'Build failed', `build ${i}`)),
    ...Array.from({ length: 4 }, (_, i) => ({ clipboard: { deviceId: laptop, time: at(10 + i), text: 'build failed' } })),
  ];

  const timeline = async (variables: Record<string, unknown>) => h.graphql<{ timeline: Connection }>(timelineQuery, { ...range, d: [phone, laptop], ...variables });
  const page = async (variables: Record<string, unknown>) => {
    const { data, errors } = await timeline(variables);
    assert.equal(errors, undefined, JSON.stringify(errors));
    return data!.timeline;
  };
  const keyOf = (edge: Edge) => `${edge.node.kind}/${edge.node.deviceId}/${edge.node.id}`;

  before(async () => {
    h = await startHarness(testMode);
    await h.startPersistence();
    await ingestFixture(h.url, h.adminToken, events);
    await eventually(async () => ((await timeline({ first: 1000 })).data?.timeline.edges.length === events.length ? true : undefined), 'the events to be stored');
  });
  after(() => h.close());

  it('answers the matches best first, each edge with its relevance; time order stays the default, without one', async () => {
    const ranked = await page({ text: 'Aurora Forecast', order: 'RELEVANCE' });
    assert.deepEqual(
      ranked.edges.map((edge) => edge.node.headline),
      ['aurora forecast, aurora forecast', 'Mail: Aurora forecast', 'Mail: Newsletter'],
      'a short text saying it twice, then a short one saying it once, then a long one mentioning it once',
    );
    const scores = ranked.edges.map((edge) => edge.relevance ?? -1);
    assert.ok(scores.every((score, i) => score > 0 && score < 1 && (i === 0 || score < scores[i - 1]!)), `scores fall within (0, 1): ${scores.join(', ')}`);
    const inTime = await page({ text: 'Aurora Forecast' });
    assert.deepEqual(inTime.edges.map((edge) => edge.node.time), [at(0), at(1), at(2)]);
    assert.ok(inTime.edges.every((edge) => edge.relevance === null));
    assert.deepEqual(inTime.edges.map(keyOf).sort(), ranked.edges.map(keyOf).sort(), 'the same matches in both orders');
  });

  it('pages with first and after: each page continues the last, across ties, kinds and devices, without gaps or repeats', async () => {
    const whole = await page({ text: 'build failed', order: 'RELEVANCE', first: 1000 });
    assert.equal(whole.edges.length, 10);
    assert.ok(new Set(whole.edges.map((edge) => edge.relevance)).size < whole.edges.length, 'the data has ties to page through');
    for (const first of [1, 3, 4]) {
      const paged: Edge[] = [];
      let after: string | null = null;
      for (let pages = 0; pages <= whole.edges.length; pages++) {
        const next: Connection = await page({ text: 'build failed', order: 'RELEVANCE', first, after });
        assert.ok(next.edges.length <= first);
        paged.push(...next.edges);
        if (!next.pageInfo.hasNextPage) break;
        after = next.pageInfo.endCursor;
      }
      assert.deepEqual(paged.map(keyOf), whole.edges.map(keyOf), `pages of ${first}`);
    }
  });

  it('refuses RELEVANCE without text (BAD_USER_INPUT) and a cursor of the other order (BAD_CURSOR)', async () => {
    for (const text of [undefined, '   ']) {
      const { errors } = await timeline({ text, order: 'RELEVANCE' });
      assert.equal(errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.match(errors[0]!.message, /order: RELEVANCE .* give text/);
    }
    const timeCursor = (await page({ text: 'build', first: 1 })).pageInfo.endCursor;
    const relevanceCursor = (await page({ text: 'build', order: 'RELEVANCE', first: 1 })).pageInfo.endCursor;
    const wrong = [await timeline({ text: 'build', order: 'RELEVANCE', after: timeCursor }), await timeline({ text: 'build', after: relevanceCursor })];
    assert.deepEqual(wrong.map((answer) => answer.errors?.[0]?.extensions?.code), ['BAD_CURSOR', 'BAD_CURSOR']);
    assert.match(wrong[1]!.errors![0]!.message, /a cursor of order: RELEVANCE/);
  });
});
