// Puts the HTTP server on HOST:PORT. An address it cannot have (in use by another Lifestream or any
// other program, or a port below 1024 without the privilege) stops the start with a line naming the
// setting and the fix, instead of an unhandled 'error' event.
import type { Server } from 'node:http';
import { ConfigError } from '../schema/config.ts';

const why = (error: NodeJS.ErrnoException, host: string, port: number): string | undefined => {
  if (error.code === 'EADDRINUSE') return `PORT ${port} on ${host} is in use (another Lifestream, or another program, listens there): stop it, or set PORT to a free port`;
  if (error.code === 'EACCES') return `PORT ${port} on ${host} needs privileges this process lacks: set PORT to 1024 or above`;
  if (error.code === 'EADDRNOTAVAIL') return `HOST ${host} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 by default, 0.0.0.0 for all)`;
  return undefined;
};

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => {
      const message = why(error, host, port);
      reject(message ? new ConfigError(`Lifestream cannot start: ${message}`) : error);
    };
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
}
