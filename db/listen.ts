// Puts an HTTP server on its address: the API's (HOST:PORT) and a consumer process's
// (HOST:LIFESTREAM_CONSUMER_PORT). An address it cannot have (in use by another Lifestream or any other
// program, a port below 1024 without the privilege, a HOST that is not this machine's) stops the
// start with a line naming the setting and the fix, instead of an unhandled 'error' event and a stack.
import type { Server } from 'node:http';
import { ConfigError, type Config } from '../schema/config.ts';

export interface ListenAddress {
  host: string;
  port: number;
  /** The setting the port came from, which the line names: PORT, LIFESTREAM_CONSUMER_PORT. */
  portSetting: keyof Config;
}

const why = (error: NodeJS.ErrnoException, { host, port, portSetting }: ListenAddress): string | undefined => {
  if (error.code === 'EADDRINUSE') return `${portSetting} ${port} on ${host} is in use (another Lifestream, or another program, listens there): stop it, or set ${portSetting} to a free port`;
  if (error.code === 'EACCES') return `${portSetting} ${port} on ${host} needs privileges this process lacks: set ${portSetting} to 1024 or above`;
  if (error.code === 'EADDRNOTAVAIL') return `HOST ${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 by default, 0.0.0.0 for all)`;
  return undefined;
};

/** Resolves once the server listens; an address it cannot have rejects with a ConfigError naming the setting. */
export function listen(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      const message = why(error, address);
      reject(message ? new ConfigError(`Lifestream cannot start: ${message}`) : error);
    };
    server.once('error', refused);
    server.listen(address.port, address.host, () => {
      server.off('error', refused);
      resolve();
    });
  });
}
