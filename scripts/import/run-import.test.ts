import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CursorFile } from './cursor-file.ts';
import type { Cursor, Importer, ImportStep } from './import-step.ts';
import { importedEvent, type ImportedEvent } from './imported-event.ts';
import type { LifestreamClient, RejectedImport } from './lifestream-client.ts';
import { runImport } from './run-import.ts';

const heartRate = (n: number) => importedEvent('heartRate', `hr-${n}`, new Date(Date.UTC(2026, 0, 1, 0, n)), { bpm: 60 });
const calendarEntry = (n: number) =>
  importedEvent('calendarEvent', `cal-${n}`, new Date(Date.UTC(2026, 0, 1, 0, n)), { calendarEventId: `uid-${n}`, title: 'Standup', endTime: new Date(Date.UTC(2026, 0, 1, 1, n)) });

/** A source of the given items, a checkpoint after each ({ done: items so far }). */
function source(items: ImportedEvent[]): Importer {
  return {
    cursorKey: 'test',
    async *steps(): AsyncIterable<ImportStep> {
      for (const [i, event] of items.entries()) {
        yield { type: 'event', event };
        yield { type: 'checkpoint', cursor: { done: i + 1 } };
      }
    },
  };
}

function memoryCursor(): CursorFile & { saved: Cursor[] } {
  const saved: Cursor[] = [];
  return { path: 'memory', saved, read: () => saved.at(-1), write: (cursor) => void saved.push(cursor) };
}

/** A Lifestream whose answers the test gives, in any order: each request waits until answered. */
function heldClient() {
  const requests: { events: readonly ImportedEvent[]; answer: () => void; fail: (error: Error) => void; answered: boolean }[] = [];
  let arrived = () => {};
  const client: LifestreamClient = {
    ingest: (events) =>
      new Promise<RejectedImport[]>((resolve, reject) => {
        const request = {
          events,
          answered: false,
          answer: () => ((request.answered = true), resolve([])),
          fail: (error: Error) => ((request.answered = true), reject(error)),
        };
        requests.push(request);
        arrived();
      }),
  };
  /** Resolves once `count` requests have been sent. */
  const sent = async (count: number) => {
    while (requests.length < count) await new Promise<void>((resolve) => (arrived = resolve));
  };
  const unanswered = () => requests.filter((r) => !r.answered).length;
  return { client, requests, sent, unanswered };
}

/** Lets every promise callback that can run, run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('an import with several requests in flight', { timeout: 20_000 }, () => {
  it('sends up to --in-flight requests before the oldest is answered, and saves each cursor once every request before it is answered', async () => {
    const lifestream = heldClient();
    const cursor = memoryCursor();
    const run = runImport(source([1, 2, 3, 4, 5, 6].map(heartRate)), { client: lifestream.client, cursor, batchSize: 1, inFlight: 3 });
    await lifestream.sent(3);
    await settle();
    assert.equal(lifestream.requests.length, 3, 'a fourth waits for the oldest answer');

    // Answers out of order: the cursor moves only as far as every earlier request is answered.
    lifestream.requests[2]!.answer();
    lifestream.requests[1]!.answer();
    await settle();
    assert.deepEqual(cursor.saved, [], 'nothing saved while the first request is unanswered');
    lifestream.requests[0]!.answer();
    await lifestream.sent(6);
    await settle();
    assert.deepEqual(cursor.saved, [{ done: 1 }, { done: 2 }, { done: 3 }]);
    assert.ok(lifestream.unanswered() <= 3);

    for (const request of lifestream.requests.slice(3)) request.answer();
    const report = await run;
    assert.equal(report.sent, 6);
    assert.deepEqual(cursor.saved.at(-1), { done: 6 });
    assert.deepEqual(lifestream.requests.map((r) => r.events.map((e) => e.id)), [1, 2, 3, 4, 5, 6].map((n) => [`hr-${n}`]), 'sent in the source order');
  });

  it('stops at a request that fails once every request in flight is settled, its cursor where all before it were answered', async () => {
    const lifestream = heldClient();
    const cursor = memoryCursor();
    const run = runImport(source([1, 2, 3, 4].map(heartRate)), { client: lifestream.client, cursor, batchSize: 1, inFlight: 3 });
    await lifestream.sent(3);
    lifestream.requests[0]!.answer();
    lifestream.requests[1]!.fail(new Error('connection lost'));
    await lifestream.sent(4);
    let ended = false;
    const ending = assert.rejects(run, /connection lost/).then(() => (ended = true));
    await settle();
    assert.equal(ended, false, 'the run waits for the requests still in flight');
    lifestream.requests[2]!.answer();
    lifestream.requests[3]!.answer();
    await ending;
    assert.deepEqual(cursor.saved, [{ done: 1 }], 'the third and fourth were answered, but after the second, which was not');
  });

  it('sends a batch holding a calendar entry alone, once every request before it is answered, and the next after its answer', async () => {
    const lifestream = heldClient();
    const cursor = memoryCursor();
    const run = runImport(source([heartRate(1), heartRate(2), calendarEntry(3), heartRate(4)]), { client: lifestream.client, cursor, batchSize: 1, inFlight: 4 });
    await lifestream.sent(2);
    await settle();
    assert.equal(lifestream.requests.length, 2, 'the calendar entry waits for the two before it');
    lifestream.requests[1]!.answer();
    await settle();
    assert.equal(lifestream.requests.length, 2);
    lifestream.requests[0]!.answer();
    await lifestream.sent(3);
    await settle();
    assert.equal(lifestream.requests.length, 3, 'the next waits for the calendar entry');
    lifestream.requests[2]!.answer();
    await lifestream.sent(4);
    lifestream.requests[3]!.answer();
    assert.equal((await run).sent, 4);
  });

  it('sends one request at a time with --in-flight 1', async () => {
    const lifestream = heldClient();
    const run = runImport(source([1, 2, 3].map(heartRate)), { client: lifestream.client, cursor: memoryCursor(), batchSize: 1, inFlight: 1 });
    for (let n = 1; n <= 3; n++) {
      await lifestream.sent(n);
      await settle();
      assert.equal(lifestream.requests.length, n);
      lifestream.requests[n - 1]!.answer();
    }
    assert.equal((await run).sent, 3);
  });
});
