import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddress, trustedProxies } from './client-address.ts';

describe('client address', () => {
  const proxies = trustedProxies(['10.42.0.0/16', '::1']);

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    assert.equal(clientAddress('203.0.113.7', '198.51.100.1', trustedProxies([])), '203.0.113.7');
    assert.equal(clientAddress('203.0.113.7', '198.51.100.1', proxies), '203.0.113.7');
  });

  it('is the address a trusted proxy appended, not what the client wrote before it', () => {
    assert.equal(clientAddress('10.42.3.4', '198.51.100.1, 203.0.113.7', proxies), '203.0.113.7');
    assert.equal(clientAddress('10.42.3.4', '198.51.100.1, 203.0.113.7, 10.42.0.9', proxies), '203.0.113.7');
  });

  it('stops at a hop that is not an address, keeping the last one a proxy vouched for', () => {
    assert.equal(clientAddress('10.42.3.4', 'not-an-address, 10.42.0.9', proxies), '10.42.0.9');
    assert.equal(clientAddress('10.42.3.4', undefined, proxies), '10.42.3.4');
  });

  it('spells an IPv4 client the same on a dual-stack socket', () => {
    assert.equal(clientAddress('::ffff:203.0.113.7', undefined, proxies), '203.0.113.7');
    assert.equal(clientAddress('::ffff:10.42.3.4', '203.0.113.7', proxies), '203.0.113.7');
    assert.equal(clientAddress('::1', '2001:db8::5', proxies), '2001:db8::5');
  });
});
