// A TCP proxy a test puts between Lifestream and one service, to take the service away and give it
// back without touching the service itself (the stack is shared): refused, reset or back.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface FaultProxy {
  /** Where Lifestream connects instead of the service. */
  port: number;
  /** The service gone: every open connection reset, new ones refused (ECONNREFUSED). */
  down(): Promise<void>;
  /** The service back, on the same port. */
  up(): Promise<void>;
  /** Every open connection reset (ECONNRESET), as a restart of the service or a NAT timeout does; new ones pass. */
  resetConnections(): void;
  /** The service hung (a network partition): connections stay open, old and new, but nothing passes either way, until up(). */
  stall(): void;
  /** Resets the next `times` connections on which `text` passes, either way (a statement, a server's reply): a fault at an exact step. */
  resetOn(text: string, times: number): void;
  /** Connections opened through the proxy so far. */
  readonly connectionsOpened: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const open = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let connectionsOpened = 0;
  let stalled = false;
  let resetTrigger: { text: string; times: number } | undefined;
  const flow = ([client, upstream]: [Socket, Socket]) => {
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    upstream.resume();
  };
  const hold = ([client, upstream]: [Socket, Socket]) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const pipe = (client: Socket) => {
    connectionsOpened++;
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    open.add(client).add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      pairs.delete(pair);
    };
    const resetIfTriggered = (chunk: Buffer) => {
      if (!resetTrigger || resetTrigger.times <= 0 || !chunk.includes(resetTrigger.text)) return;
      resetTrigger.times--;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    client.on('data', resetIfTriggered);
    upstream.on('data', resetIfTriggered);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      upstream.destroy();
      forget();
    });
    upstream.on('close', () => {
      client.destroy();
      forget();
    });
    if (stalled) hold(pair);
    else flow(pair);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer(pipe);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: Server | undefined = await listen(0);
  const port = (server.address() as { port: number }).port;
  const resetConnections = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    pairs.clear();
  };
  const stopListening = async () => {
    const closing = server;
    server = undefined;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  };
  return {
    port,
    get connectionsOpened() {
      return connectionsOpened;
    },
    async down() {
      const closed = stopListening();
      resetConnections();
      await closed;
    },
    async up() {
      if (stalled) {
        stalled = false;
        for (const pair of pairs) flow(pair);
      }
      server ??= await listen(port);
    },
    resetConnections,
    resetOn(text, times) {
      resetTrigger = { text, times };
    },
    stall() {
      stalled = true;
      for (const pair of pairs) hold(pair);
    },
    async close() {
      const closed = stopListening();
      resetConnections();
      await closed;
    },
  };
}

/** A URL's host and port, as a proxy's target. */
export const endpointOf = (url: string) => {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
};

/** The same URL through the proxy. */
export const throughProxy = (url: string, proxy: FaultProxy) => {
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  return through.toString();
};
