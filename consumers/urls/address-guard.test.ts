import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressRefusal, allowListOf, guardedLookup } from './address-guard.ts';
import { UrlTaskRejected } from './url-task-rejected.ts';

const none = allowListOf([]);

describe('address guard', () => {
  it('refuses loopback, private, link-local, unique-local, carrier NAT and IPv4-mapped forms, and lets public addresses through', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.10.10', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      assert.ok(addressRefusal(address, none), `${address} must be refused`);
    }
    assert.equal(addressRefusal('93.184.216.34', none), undefined);
    assert.equal(addressRefusal('2606:2800:220:1:248:1893:25c8:1946', none), undefined);
  });

  it('refuses cloud metadata addresses even inside an allowed network, unless named exactly', () => {
    assert.match(addressRefusal('169.254.169.254', allowListOf(['169.254.0.0/16'])) ?? '', /metadata/);
    assert.equal(addressRefusal('169.254.169.254', allowListOf(['169.254.169.254'])), undefined);
    assert.equal(addressRefusal('169.254.10.10', allowListOf(['169.254.0.0/16'])), undefined);
  });

  it('lets an allowed network through and nothing beside it', () => {
    const allow = allowListOf(['127.0.0.0/8', '192.168.1.20']);
    assert.equal(addressRefusal('127.0.0.1', allow), undefined);
    assert.equal(addressRefusal('192.168.1.20', allow), undefined);
    assert.match(addressRefusal('192.168.1.21', allow) ?? '', /private/);
  });

  it('refuses a DNS name that resolves to loopback, and one with any private address among public ones', async () => {
    const records: Record<string, { address: string; family: number }[]> = {
      'rebind.example': [{ address: '127.0.0.1', family: 4 }],
      'mixed.example': [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }],
      'public.example': [{ address: '93.184.216.34', family: 4 }],
    };
    const lookup = guardedLookup(none, (hostname, _options, callback) => callback(null, records[hostname] ?? []));
    const resolve = (hostname: string) =>
      new Promise((ok, fail) => lookup(hostname, { all: true }, (error, addresses) => (error ? fail(error) : ok(addresses))));
    await assert.rejects(resolve('rebind.example'), (error: unknown) => error instanceof UrlTaskRejected && error.code === 'BLOCKED_ADDRESS' && /rebind\.example: 127\.0\.0\.1 is a loopback address/.test(error.message));
    await assert.rejects(resolve('mixed.example'), (error: unknown) => error instanceof UrlTaskRejected && /10\.0\.0\.5 is a private address/.test(error.message));
    assert.deepEqual(await resolve('public.example'), [{ address: '93.184.216.34', family: 4 }]);
  });
});
