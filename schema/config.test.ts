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
        / {2}PORT must be a number \(got "eighty"\)\n/.test(e.message) && /KAFKA_BROKERS must be host:port/.test(e.message) && /DATABASE_URL must be a postgres:\/\/ URL/.test(e.message),
    );
  });

  it('stops on a LIFESTREAM_ variable that is no setting, naming the nearest, and lets the client programs\' and the stack\'s pass', () => {
    assert.throws(
      () => loadConfig({ LIFESTREAM_DATADIR: '/big/disk', LIFESTREAM_SOMETHING_ELSE_ENTIRELY: '1' }),
      (e: Error) =>
        e.message ===
        [
          'Lifestream cannot start, the configuration is wrong:',
          '  LIFESTREAM_DATADIR is not a setting: did you mean LIFESTREAM_DATA_DIR? (every setting is in docs/configuration.md)',
          '  LIFESTREAM_SOMETHING_ELSE_ENTIRELY is not a setting (every setting is in docs/configuration.md)',
        ].join('\n'),
    );
    const others = { LIFESTREAM_TOKEN: 'lst_x', LIFESTREAM_URL: 'http://127.0.0.1:4000/graphql', LIFESTREAM_IMPORT_STATE_DIR: '/tmp', LIFESTREAM_TEST_MODE: 'embedded', LIFESTREAM_STACK_IMAP_URL: 'imap://x' };
    assert.match(loadConfig(others).LIFESTREAM_DATA_DIR, /\/data$/);
  });

  it('uses the seed topic names and the lifestream consumer groups without a namespace', () => {
    const config = loadConfig({});
    assert.equal(config.LIFESTREAM_NAMESPACE, '');
    assert.equal(config.LIFESTREAM_GROUP_PREFIX, 'lifestream');
    assert.equal(loadConfig({ LIFESTREAM_NAMESPACE: '' }).LIFESTREAM_GROUP_PREFIX, 'lifestream', 'empty, as a Helm value renders, is no namespace');
  });

  it("names consumer groups after the namespace unless LIFESTREAM_GROUP_PREFIX is set", () => {
    assert.equal(loadConfig({ LIFESTREAM_NAMESPACE: 'staging-2' }).LIFESTREAM_GROUP_PREFIX, 'staging-2.lifestream');
    assert.equal(loadConfig({ LIFESTREAM_NAMESPACE: 'staging-2', LIFESTREAM_GROUP_PREFIX: 'legacy' }).LIFESTREAM_GROUP_PREFIX, 'legacy');
  });

  it('takes a namespace of lower-case letters, digits, _ and - only', () => {
    assert.throws(() => loadConfig({ LIFESTREAM_NAMESPACE: 'Home.Prod' }), /LIFESTREAM_NAMESPACE must be at most 40 lower-case letters, digits, _ or -, or empty for none \(got "Home.Prod"\)/);
    assert.throws(() => loadConfig({ LIFESTREAM_NAMESPACE: 'x'.repeat(41) }), /LIFESTREAM_NAMESPACE must be at most 40/);
  });

  it('takes a map tile URL only with its {z}, {x} and {y}', () => {
    assert.equal(loadConfig({ LIFESTREAM_MAP_TILES_URL: 'https://tile.example.org/{z}/{x}/{y}.png' }).LIFESTREAM_MAP_TILES_URL, 'https://tile.example.org/{z}/{x}/{y}.png');
    assert.throws(() => loadConfig({ LIFESTREAM_MAP_TILES_URL: 'https://tile.example.org/tiles.png' }), /LIFESTREAM_MAP_TILES_URL must be an http\(s\) tile URL with \{z\}, \{x\} and \{y\}/);
  });

  it('takes a Moondream endpoint as an http(s) URL without credentials, and a caption length Moondream knows', () => {
    const config = loadConfig({ LIFESTREAM_MOONDREAM_URL: 'http://localhost:2020/v1' });
    assert.equal(config.LIFESTREAM_MOONDREAM_URL, 'http://localhost:2020/v1');
    assert.equal(config.LIFESTREAM_MOONDREAM_TIMEOUT_S, 60);
    assert.equal(config.LIFESTREAM_MOONDREAM_CAPTION_LENGTH, 'normal');
    assert.equal(loadConfig({}).LIFESTREAM_MOONDREAM_URL, undefined);
    assert.throws(() => loadConfig({ LIFESTREAM_MOONDREAM_URL: 'api.moondream.ai/v1' }), /LIFESTREAM_MOONDREAM_URL must be an http\(s\):\/\/ URL such as https:\/\/api.moondream.ai\/v1/);
    assert.throws(() => loadConfig({ LIFESTREAM_MOONDREAM_URL: 'https://me:secret@api.moondream.ai/v1' }), /LIFESTREAM_MOONDREAM_URL must not hold credentials: put the API key in LIFESTREAM_MOONDREAM_KEY/);
    assert.throws(() => loadConfig({ LIFESTREAM_MOONDREAM_CAPTION_LENGTH: 'medium' }), /LIFESTREAM_MOONDREAM_CAPTION_LENGTH/);
    assert.throws(() => loadConfig({ LIFESTREAM_MOONDREAM_TIMEOUT_S: '0' }), /LIFESTREAM_MOONDREAM_TIMEOUT_S/);
  });

  it('takes in-process Moondream by model name or folder path, never beside an endpoint', () => {
    assert.equal(loadConfig({ LIFESTREAM_MOONDREAM_MODEL: 'moondream-2b-int8' }).LIFESTREAM_MOONDREAM_MODEL, 'moondream-2b-int8');
    assert.equal(loadConfig({ LIFESTREAM_MOONDREAM_MODEL: './my models/Moondream 2B' }).LIFESTREAM_MOONDREAM_MODEL, './my models/Moondream 2B');
    assert.equal(loadConfig({}).LIFESTREAM_MOONDREAM_MODEL, undefined);
    assert.throws(() => loadConfig({ LIFESTREAM_MOONDREAM_MODEL: 'Moondream 2B' }), /LIFESTREAM_MOONDREAM_MODEL must be the name of a Moondream model under MODELS_DIR, such as moondream-2b-int8, or a path to its folder/);
    assert.throws(
      () => loadConfig({ LIFESTREAM_MOONDREAM_MODEL: 'moondream-2b-int8', LIFESTREAM_MOONDREAM_URL: 'http://localhost:2020/v1' }),
      /LIFESTREAM_MOONDREAM_MODEL must not be set together with LIFESTREAM_MOONDREAM_URL: caption with Moondream in process \(this\) or at an endpoint \(that\)/,
    );
  });

  it("keeps the sql field's identities apart from the application's, naming the setting to fix", () => {
    const defaults = loadConfig({});
    assert.deepEqual([defaults.LIFESTREAM_SQL_ROLE, defaults.TRINO_SQL_USER, defaults.TRINO_USER], ['lifestream_reader', 'lifestream_sql', 'lifestream']);
    assert.equal(loadConfig({ LIFESTREAM_SQL_DATABASE_URL: 'postgres://lifestream_reader:pw@db/lifestream' }).LIFESTREAM_SQL_DATABASE_URL, 'postgres://lifestream_reader:pw@db/lifestream');
    assert.throws(
      () => loadConfig({ LIFESTREAM_SQL_DATABASE_URL: 'postgres://lifestream:secret@db/lifestream' }),
      (e: Error) => /LIFESTREAM_SQL_DATABASE_URL logs in as "lifestream", not as LIFESTREAM_SQL_ROLE "lifestream_reader"/.test(e.message) && !e.message.includes('secret'),
    );
    assert.throws(() => loadConfig({ TRINO_SQL_USER: 'lifestream' }), /TRINO_SQL_USER must differ from TRINO_USER \("lifestream"\)/);
    assert.throws(() => loadConfig({ LIFESTREAM_SQL_ROLE: 'Robert"; DROP' }), /LIFESTREAM_SQL_ROLE must be a lower-case PostgreSQL role name/);
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

  it('fetches URLs from public addresses only unless told, and takes exceptions as addresses or networks', () => {
    assert.deepEqual(loadConfig({}).LIFESTREAM_URL_ALLOW_ADDRESSES, []);
    assert.deepEqual(loadConfig({ LIFESTREAM_URL_ALLOW_ADDRESSES: '127.0.0.1, 192.168.1.0/24' }).LIFESTREAM_URL_ALLOW_ADDRESSES, ['127.0.0.1', '192.168.1.0/24']);
    assert.throws(() => loadConfig({ LIFESTREAM_URL_ALLOW_ADDRESSES: 'localhost' }), /LIFESTREAM_URL_ALLOW_ADDRESSES must be comma-separated IP addresses or networks such as 192.168.1.20 or 10.0.0.0\/8 \(got "localhost"\)/);
    assert.throws(() => loadConfig({ LIFESTREAM_SUMMARY_URL: 'ftp://llm.local' }), /LIFESTREAM_SUMMARY_URL must be an http\(s\):\/\/ URL/);
    assert.throws(() => loadConfig({ LIFESTREAM_URL_MAX_REDIRECTS: '-1' }), /LIFESTREAM_URL_MAX_REDIRECTS/);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    assert.throws(
      () => loadConfig({ LIFESTREAM_HTTP_HEADERS_TIMEOUT_S: '60', LIFESTREAM_HTTP_REQUEST_TIMEOUT_S: '30' }),
      /LIFESTREAM_HTTP_HEADERS_TIMEOUT_S must be at most LIFESTREAM_HTTP_REQUEST_TIMEOUT_S/,
    );
    assert.throws(() => loadConfig({ LIFESTREAM_HTTP_IDLE_TIMEOUT_S: '0' }), /LIFESTREAM_HTTP_IDLE_TIMEOUT_S/);
  });

  it("takes the screen detector as centernet, a manifest model's name or an .onnx path, and stops on anything else", () => {
    assert.equal(loadConfig({}).LIFESTREAM_SCREEN_DETECTOR, 'centernet');
    assert.equal(loadConfig({ LIFESTREAM_SCREEN_DETECTOR: 'yolo11n' }).LIFESTREAM_SCREEN_DETECTOR, 'yolo11n');
    assert.equal(loadConfig({ LIFESTREAM_SCREEN_DETECTOR: '/models/own/best.onnx' }).LIFESTREAM_SCREEN_DETECTOR, '/models/own/best.onnx');
    assert.deepEqual(loadConfig({ LIFESTREAM_SCREEN_DETECTOR_CLASSES: 'window, cursor' }).LIFESTREAM_SCREEN_DETECTOR_CLASSES, ['window', 'cursor']);
    assert.throws(() => loadConfig({ LIFESTREAM_SCREEN_DETECTOR: 'YOLO v11!' }), /LIFESTREAM_SCREEN_DETECTOR must be centernet, the name of a model in models\/manifest\.json \(such as yolo11n\) or the path of an Ultralytics YOLO \.onnx export \(got "YOLO v11!"\)/);
  });
});
