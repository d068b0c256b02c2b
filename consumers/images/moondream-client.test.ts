import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { standInCaption, startMoondreamServer, type MoondreamServer } from '../../test/fixtures/moondream-server.ts';
import { MoondreamFailed, openMoondreamClient } from './moondream-client.ts';

const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer();

describe('Moondream client against a stand-in keeping the Moondream Cloud contract (key required)', () => {
  let cloud: MoondreamServer;
  before(async () => {
    cloud = await startMoondreamServer({ apiKey: 'md-test-key' });
  });
  after(() => cloud.close());

  it('calls caption, query, detect and point as the official clients do', async () => {
    const client = openMoondreamClient({ baseUrl: cloud.baseUrl, apiKey: 'md-test-key', timeoutMs: 5_000 });
    assert.equal(await client.caption(jpeg, 'short'), standInCaption(64, 48));
    assert.equal(await client.query(jpeg, 'What colour is it?'), 'You asked: What colour is it?');
    assert.deepEqual(await client.detect(jpeg, 'cup'), [{ xMin: 0.25, yMin: 0.1, xMax: 0.75, yMax: 0.9 }]);
    assert.deepEqual(await client.point(jpeg, 'cup'), [{ x: 0.5, y: 0.5 }]);
    assert.deepEqual(
      cloud.requests.map((r) => [r.path, r.auth, r.image]),
      ['/caption', '/query', '/detect', '/point'].map((path) => [path, 'md-test-key', { width: 64, height: 48 }]),
    );
    assert.deepEqual(cloud.requests[0]!.body.length, 'short');
    assert.deepEqual(cloud.contractBreaches, []);
  });

  it('fails with the status and the answer when the key is refused', async () => {
    const client = openMoondreamClient({ baseUrl: `${cloud.baseUrl}/`, apiKey: 'a-wrong-key', timeoutMs: 5_000 });
    await assert.rejects(client.caption(jpeg, 'normal'), (error: unknown) => {
      assert.ok(error instanceof MoondreamFailed);
      assert.equal(error.message, `Moondream caption at ${cloud.baseUrl}: HTTP 401 (check LIFESTREAM_MOONDREAM_KEY): {"error":"Unauthorized"}`);
      return true;
    });
  });

  it('fails on an error status, a timeout, a malformed answer and an endpoint that is down', async () => {
    const client = openMoondreamClient({ baseUrl: cloud.baseUrl, apiKey: 'md-test-key', timeoutMs: 300 });
    cloud.behave({ answer: 'status', status: 429, body: '{"error":"Too Many Requests"}' });
    await assert.rejects(client.caption(jpeg, 'normal'), { name: 'MoondreamFailed', message: /HTTP 429: \{"error":"Too Many Requests"\}$/ });
    cloud.behave({ answer: 'status', status: 200, body: '{"request_id":"x"}' });
    await assert.rejects(client.caption(jpeg, 'normal'), { name: 'MoondreamFailed', message: /lacks what the API promises.*caption/s });
    cloud.behave({ answer: 'never' });
    await assert.rejects(client.caption(jpeg, 'normal'), { name: 'MoondreamFailed', message: /no answer within 0.3 s$/ });
    cloud.behave({ answer: 'normally' });

    const down = await startMoondreamServer();
    const downUrl = down.baseUrl;
    await down.close();
    await assert.rejects(openMoondreamClient({ baseUrl: downUrl, timeoutMs: 5_000 }).caption(jpeg, 'normal'), { name: 'MoondreamFailed', message: new RegExp(`^Moondream caption at ${downUrl}: unreachable: .*ECONNREFUSED`) });
  });
});

describe('Moondream client against a stand-in keeping the Moondream Station contract (no key)', () => {
  let station: MoondreamServer;
  before(async () => {
    station = await startMoondreamServer();
  });
  after(() => station.close());

  it('sends no key', async () => {
    const client = openMoondreamClient({ baseUrl: station.baseUrl, timeoutMs: 5_000 });
    assert.equal(await client.caption(jpeg, 'normal'), standInCaption(64, 48));
    assert.equal(station.requests[0]!.auth, undefined);
    assert.deepEqual(station.contractBreaches, []);
  });
});
