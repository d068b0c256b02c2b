import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { catalogue } from '../schema/catalogue.ts';
import { decodeEvent, eventOfRow } from '../schema/event-codec.ts';
import type { Event } from '../schema/event.ts';
import type { EventKindDefinition } from '../schema/event-kind.ts';
import { heartRate } from '../schema/kinds/device-state.ts';
import { calendarEvent } from '../schema/kinds/digital.ts';
import { withMicroseconds } from '../schema/microsecond-time.ts';
import { sampleWirePayload } from '../test/samples.ts';
import { insertEvents } from './persist.ts';
import { openPgliteStore } from './pglite.ts';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Store } from './store.ts';
import { tableName } from './tables.ts';

const receivedAt = '2026-06-01T10:00:05.000Z';

/** An event of the kind with every field set, as the persistence consumer decodes it from the bus. */
function sampleEvent(kind: EventKindDefinition, id: string, seed = 1): Event {
  const time = new Date(Date.UTC(2026, 5, 1, 9, 0, seed)).toISOString();
  const decoded = decodeEvent(JSON.stringify({ id, kind: kind.name, deviceId: 'laptop', time, receivedAt, payload: sampleWirePayload(kind, seed) }), catalogue);
  if (!('event' in decoded)) throw new Error(`sample of ${kind.name} does not decode: ${JSON.stringify(decoded)}`);
  return decoded.event;
}

describe('insertEvents', () => {
  let store: Store;
  const storedOf = async (kind: EventKindDefinition) =>
    (await store.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${tableName(kind)} t ORDER BY time, id`)).map(({ row }) => eventOfRow(kind, row));

  before(async () => {
    store = openPgliteStore(new PGlite({ extensions: { pg_trgm } }));
    await store.migrate();
  });
  after(() => store.close());

  it('stores every kind with every field type as it was sent, in one batch, and returns each as new', async () => {
    const events = catalogue.map((kind) => sampleEvent(kind, `all-${kind.name}`));
    assert.deepEqual(await insertEvents(store, events), events);
    for (const event of events) {
      const kind = catalogue.find((k) => k.name === event.kind)!;
      assert.deepEqual(await storedOf(kind), [event], kind.name);
    }
  });

  it('skips a re-sent event and returns only the new ones', async () => {
    const first = [sampleEvent(heartRate, 'resent-1', 1), sampleEvent(heartRate, 'resent-2', 2)];
    await insertEvents(store, first);
    const second = [first[1]!, sampleEvent(heartRate, 'resent-3', 3), first[0]!];
    assert.deepEqual(await insertEvents(store, second), [second[1]]);
    assert.deepEqual(
      (await storedOf(heartRate)).filter((e) => e.id.startsWith('resent-')).map((e) => e.id),
      ['resent-1', 'resent-2', 'resent-3'],
    );
  });

  it('replaces a row with a correction (same time, id and device, another payload), and keeps events a microsecond apart', async () => {
    const original = sampleEvent(heartRate, 'corrected', 20);
    await insertEvents(store, [original]);
    const correction = { ...original, receivedAt: new Date('2026-06-01T11:00:00.000Z'), payload: { bpm: 99 } };
    assert.deepEqual(await insertEvents(store, [correction]), [correction]);
    assert.deepEqual(await insertEvents(store, [correction]), [], 'the same correction again changes nothing');
    const stored = (await storedOf(heartRate)).filter((e) => e.id === 'corrected');
    assert.deepEqual(stored.map((e) => e.payload), [{ bpm: 99 }]);
    const at = (microseconds: number) => withMicroseconds(Date.parse('2026-06-01T08:00:00.000Z'), microseconds);
    const apart = [1, 2].map((us) => ({ ...sampleEvent(heartRate, 'microseconds', 30), time: at(us) }));
    assert.deepEqual(await insertEvents(store, apart), apart);
    assert.deepEqual(
      (await storedOf(heartRate)).filter((e) => e.id === 'microseconds').map((e) => e.time.toISOString()),
      ['2026-06-01T08:00:00.000001Z', '2026-06-01T08:00:00.000002Z'],
    );
  });

  it('moves an updatable event sent at another time, and returns it with the time it left, to the microsecond', async () => {
    const placed = { ...sampleEvent(calendarEvent, 'moving', 40), time: withMicroseconds(Date.parse('2026-06-01T09:00:00.000Z'), 7) };
    assert.deepEqual(await insertEvents(store, [placed]), [placed], 'placed: nothing moved');
    const moved = { ...placed, time: new Date('2026-06-02T09:00:00.000Z') };
    const [returned] = await insertEvents(store, [moved]);
    assert.deepEqual(returned, { ...moved, movedFrom: placed.time });
    assert.equal(returned!.movedFrom!.toISOString(), '2026-06-01T09:00:00.000007Z');
    assert.deepEqual((await storedOf(calendarEvent)).filter((e) => e.id === 'moving').map((e) => e.time.toISOString()), ['2026-06-02T09:00:00.000Z']);
  });

  it('tells apart, in a batch of two kinds, the events new, re-sent unchanged and moved, each in its place', async () => {
    const [heart, staying, leaving] = [sampleEvent(heartRate, 'mixed-heart', 50), sampleEvent(calendarEvent, 'mixed-staying', 51), sampleEvent(calendarEvent, 'mixed-leaving', 52)];
    await insertEvents(store, [heart, staying, leaving]);
    const [newHeart, newEntry] = [sampleEvent(heartRate, 'mixed-heart-2', 53), sampleEvent(calendarEvent, 'mixed-new', 54)];
    const left = { ...leaving, time: new Date('2026-06-03T09:00:00.000Z') };
    assert.deepEqual(await insertEvents(store, [heart, newEntry, left, newHeart, staying]), [newEntry, { ...left, movedFrom: leaving.time }, newHeart]);
  });

  it('stores nothing of a batch when one of its kinds cannot be stored: the retry finds every event new', async () => {
    const good = sampleEvent(heartRate, 'atomic-good', 7);
    const [other] = catalogue.filter((kind) => kind !== heartRate && Object.values(kind.fields).some((f) => !f.optional));
    const broken = { ...sampleEvent(other!, 'atomic-broken', 7), payload: {} };
    await assert.rejects(insertEvents(store, [good, broken]), /null value/);
    assert.deepEqual((await storedOf(heartRate)).filter((e) => e.id === 'atomic-good'), []);
    assert.deepEqual(await insertEvents(store, [good]), [good]);
  });
});
