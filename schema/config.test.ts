import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs embedded with nothing set, keeping data in ./data', () => {
    const config = loadConfig({});
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.KAFKA_BROKERS, undefined);
    assert.equal(config.PORT, 4000);
    assert.match(config.LIFESTREAM_DATA_DIR, /\/data$/);
  });

  it('uses the services that are configured', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/lifestream', KAFKA_BROKERS: 'k1:9092,k2:9092' });
    assert.deepEqual(config.KAFKA_BROKERS, ['k1:9092', 'k2:9092']);
  });

  it('stops with a message naming every malformed setting', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'localhost', DATABASE_URL: 'mysql://x' }),
      (e: Error) =>
        /PORT .*got "eighty"/.test(e.message) && /KAFKA_BROKERS must be host:port/.test(e.message) && /DATABASE_URL must be a postgres:\/\/ URL/.test(e.message),
    );
  });

  it('takes a map tile URL only with its {z}, {x} and {y}', () => {
    assert.equal(loadConfig({ LIFESTREAM_MAP_TILES_URL: 'https://tile.example.org/{z}/{x}/{y}.png' }).LIFESTREAM_MAP_TILES_URL, 'https://tile.example.org/{z}/{x}/{y}.png');
    assert.throws(() => loadConfig({ LIFESTREAM_MAP_TILES_URL: 'https://tile.example.org/tiles.png' }), /LIFESTREAM_MAP_TILES_URL must be an http\(s\) tile URL with \{z\}, \{x\} and \{y\}/);
  });

  it('allows no cross-origin calls and trusts no proxy unless told', () => {
    const config = loadConfig({});
    assert.deepEqual(config.LIFESTREAM_CORS_ORIGINS, []);
    assert.deepEqual(config.LIFESTREAM_TRUSTED_PROXIES, []);
  });

  it('takes CORS origins only as exact origins', () => {
    assert.deepEqual(loadConfig({ LIFESTREAM_CORS_ORIGINS: 'https://app.example.org, http://localhost:5173' }).LIFESTREAM_CORS_ORIGINS, ['https://app.example.org', 'http://localhost:5173']);
    for (const wrong of ['*', 'https://app.example.org/', 'app.example.org', 'https://app.example.org/path', 'ftp://files.example.org']) {
      assert.throws(() => loadConfig({ LIFESTREAM_CORS_ORIGINS: wrong }), /LIFESTREAM_CORS_ORIGINS must be comma-separated origins such as https:\/\/app\.example\.org/, wrong);
    }
  });

  it('takes trusted proxies as addresses or networks', () => {
    assert.deepEqual(loadConfig({ LIFESTREAM_TRUSTED_PROXIES: '10.42.0.0/16,::1, 192.0.2.1' }).LIFESTREAM_TRUSTED_PROXIES, ['10.42.0.0/16', '::1', '192.0.2.1']);
    for (const wrong of ['10.42.0.0/33', 'kong', '10.42.0.0/16/2', '2001:db8::/129']) {
      assert.throws(() => loadConfig({ LIFESTREAM_TRUSTED_PROXIES: wrong }), /LIFESTREAM_TRUSTED_PROXIES must be comma-separated IP addresses or networks/, wrong);
    }
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    assert.throws(
      () => loadConfig({ LIFESTREAM_HTTP_HEADERS_TIMEOUT_S: '60', LIFESTREAM_HTTP_REQUEST_TIMEOUT_S: '30' }),
      /LIFESTREAM_HTTP_HEADERS_TIMEOUT_S must be at most LIFESTREAM_HTTP_REQUEST_TIMEOUT_S/,
    );
    assert.throws(() => loadConfig({ LIFESTREAM_HTTP_IDLE_TIMEOUT_S: '0' }), /LIFESTREAM_HTTP_IDLE_TIMEOUT_S/);
  });
});
