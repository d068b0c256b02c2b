// The importers' HTTP client against a running Lifestream: batches over kept-alive connections, a
// request lost to a reset connection sent again without a duplicate, and what a person sees when the
// API refuses a batch, is not the GraphQL address, is unreachable or redirects.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, describe, it } from 'node:test';
import { failureLine } from '../scripts/command-line.ts';
import { importedEvent } from '../scripts/import/imported-event.ts';
import { lifestreamClient } from '../scripts/import/lifestream-client.ts';
import { runImport } from '../scripts/import/run-import.ts';
import { cursorFile } from '../scripts/import/cursor-file.ts';
import type { Importer, ImportStep } from '../scripts/import/import-step.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { importerLifestream, importTarget } from './import-target.ts';

const heartRates = (count: number, minute = 0) => Array.from({ length: count }, (_, i) => importedEvent('heartRate', crypto.randomUUID(), new Date(Date.UTC(2025, 4, 1, 8, minute + i)), { bpm: 60 + i }));

/** The heart rates, a checkpoint after each. */
function heartRateSource(count: number, minute: number): Importer {
  return {
    cursorKey: 'client-test',
    async *steps(): AsyncIterable<ImportStep> {
      for (const [i, event] of heartRates(count, minute).entries()) {
        yield { type: 'event', event };
        yield { type: 'checkpoint', cursor: { done: i + 1 } };
      }
    },
  };
}

describe("the importers' HTTP client", () => {
  const lifestream = importerLifestream();
  const proxies: FaultProxy[] = [];
  /** The API behind a fault proxy, and the client's address through it. */
  const proxied = async () => {
    const api = new URL(lifestream().url);
    const proxy = await startFaultProxy({ host: api.hostname, port: Number(api.port) });
    proxies.push(proxy);
    return { proxy, url: `http://127.0.0.1:${proxy.port}${api.pathname}` };
  };
  after(() => Promise.all(proxies.map((proxy) => proxy.close())));

  it('sends batch after batch over kept-alive connections: a few per request in flight, not one per request', async () => {
    const target = await importTarget(lifestream(), 'client-keep-alive');
    for (const inFlight of [1, 3]) {
      const { proxy, url } = await proxied();
      const client = lifestreamClient({ url, token: target.token, deviceId: target.deviceId });
      const report = await runImport(heartRateSource(120, inFlight * 1000), { client, cursor: cursorFile(target.stateDir, `keep-alive-${inFlight}`), batchSize: 5, inFlight });
      assert.equal(report.sent, 120);
      // A connection is freed as its answer ends, a moment after the import has sent its next request: a spare one may open.
      assert.ok(proxy.connectionsOpened <= 2 * inFlight, `24 requests, ${inFlight} in flight, over ${proxy.connectionsOpened} connections`);
    }
    await target.timeline('HEART_RATE', 240, '... on HeartRate { bpm }');
  });

  it('sends a request again when its connection is reset, before or after the API answered, and the store keeps one row per event', async () => {
    const target = await importTarget(lifestream(), 'client-reset');
    const { proxy, url } = await proxied();
    const client = lifestreamClient({ url, token: target.token, deviceId: target.deviceId, retries: 3 });
    proxy.resetOn('mutation Import', 1);
    assert.deepEqual(await client.ingest(heartRates(4)), []);
    proxy.resetOn('"ingest"', 1);
    assert.deepEqual(await client.ingest(heartRates(4, 10)), []);
    await target.timeline('HEART_RATE', 8, '... on HeartRate { bpm }');
    assert.equal(await target.rowCount('heart_rate'), 8);
  });

  it('says that Lifestream cannot be reached, and why, once the retries are spent on an API that is away', async () => {
    const target = await importTarget(lifestream(), 'client-away');
    const { proxy, url } = await proxied();
    await proxy.down();
    const error = await lifestreamClient({ url, token: target.token, deviceId: target.deviceId, retries: 1 }).ingest(heartRates(1)).then(
      () => assert.fail('sent to an API that is away'),
      (failure: unknown) => failure,
    );
    assert.equal(failureLine(error), `Lifestream at ${url} cannot be reached: is it running there? (npm start starts it; --url or LIFESTREAM_URL names another): connect ECONNREFUSED 127.0.0.1:${proxy.port}`);
  });

  it("refuses a batch the API refuses with the API's reason, and an address that is no GraphQL endpoint or no URL, saying which", async () => {
    const target = await importTarget(lifestream(), 'client-refused');
    const { url } = lifestream();
    await assert.rejects(
      lifestreamClient({ url, token: 'not-a-token', deviceId: target.deviceId }).ingest(heartRates(1)),
      (error: Error) => error.message.startsWith(`Lifestream at ${url} refused the import batch: `) && /\(UNAUTHENTICATED\)/.test(error.message),
    );
    // Sent as is, on every try the same: said at once, not retried into "cannot be reached".
    await assert.rejects(lifestreamClient({ url, token: 'two\nlines', deviceId: target.deviceId }).ingest(heartRates(1)), /^InvalidArgumentError: invalid authorization header$/);
    const notGraphql = new URL('/nothing-here', url).href;
    await assert.rejects(
      lifestreamClient({ url: notGraphql, token: target.token, deviceId: target.deviceId }).ingest(heartRates(1)),
      new RegExp(`^Error: Lifestream at ${notGraphql} answered HTTP 404 with no GraphQL reply; is --url the /graphql address\\?$`),
    );
    assert.throws(
      () => lifestreamClient({ url: 'localhost:4000/graphql', token: target.token, deviceId: target.deviceId }),
      /^Error: the Lifestream address "localhost:4000\/graphql" is no http\(s\) URL: give its \/graphql address \(--url or LIFESTREAM_URL\), such as http:\/\/127\.0\.0\.1:4000\/graphql$/,
    );
  });

  it('follows a permanent redirect with the events, as fetch did, but sends no token to another origin', async () => {
    const target = await importTarget(lifestream(), 'client-redirect');
    const redirect = createServer((request, response) => {
      request.resume();
      response.writeHead(308, { location: lifestream().url }).end();
    });
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirect.address() as { port: number };
      const url = `http://127.0.0.1:${port}/graphql`;
      // Lifestream's own answer, asking for the token: the request reached it, without the token.
      await assert.rejects(
        lifestreamClient({ url, token: target.token, deviceId: target.deviceId }).ingest(heartRates(3)),
        new RegExp(`^Error: Lifestream at ${url} refused the import batch: no token: send Authorization: Bearer <token> \\(UNAUTHENTICATED\\)$`),
      );
    } finally {
      redirect.closeAllConnections();
      await new Promise((resolve) => redirect.close(resolve));
    }
  });
});
