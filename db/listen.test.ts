import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { ConfigError } from '../schema/config.ts';
import { listen } from './listen.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('listening on a configured address (the API, a consumer process)', () => {
  it('refuses a port in use with a ConfigError naming the setting it came from', async () => {
    const taken = createServer();
    const port = await freePort();
    await listen(taken, { host: '127.0.0.1', port, portSetting: 'LIFESTREAM_CONSUMER_PORT' });
    try {
      await assert.rejects(
        listen(createServer(), { host: '127.0.0.1', port, portSetting: 'LIFESTREAM_CONSUMER_PORT' }),
        new ConfigError(
          `Lifestream cannot start: LIFESTREAM_CONSUMER_PORT ${port} on 127.0.0.1 is in use (another Lifestream, or another program, listens there): stop it, or set LIFESTREAM_CONSUMER_PORT to a free port`,
        ),
      );
    } finally {
      taken.close();
    }
  });

  it('refuses a HOST that is not an address of this machine, naming HOST', async () => {
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): no machine has it.
    await assert.rejects(
      listen(createServer(), { host: '192.0.2.1', port: 0, portSetting: 'PORT' }),
      new ConfigError('Lifestream cannot start: HOST 192.0.2.1 is not an address of this machine: set HOST to one of its addresses (127.0.0.1 by default, 0.0.0.0 for all)'),
    );
  });

  it('refuses a privileged port without the privilege, naming the setting', { skip: process.getuid?.() === 0 && 'root may listen below 1024' }, async () => {
    await assert.rejects(
      listen(createServer(), { host: '127.0.0.1', port: 1, portSetting: 'PORT' }),
      new ConfigError('Lifestream cannot start: PORT 1 on 127.0.0.1 needs privileges this process lacks: set PORT to 1024 or above'),
    );
  });

  it('listens, and stops listening for errors once it does', async () => {
    const server = createServer();
    await listen(server, { host: '127.0.0.1', port: 0, portSetting: 'PORT' });
    try {
      assert.equal(server.listening, true);
      assert.equal(server.listenerCount('error'), 0);
    } finally {
      server.close();
    }
  });
});
