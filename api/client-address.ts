// The address a request comes from, for limits per client: the socket's peer, or, when that peer is
// a trusted proxy (LIFESTREAM_TRUSTED_PROXIES), the nearest address in X-Forwarded-For that is not one.
import { BlockList, isIP } from 'node:net';

export function trustedProxies(addressesAndNetworks: string[]): BlockList {
  const list = new BlockList();
  for (const entry of addressesAndNetworks) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** One spelling per address: an IPv4 client reads the same on an IPv4 or a dual-stack socket. */
const canonical = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

const isTrusted = (trusted: BlockList, address: string) => {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * Walks X-Forwarded-For from the right, the hops the trusted proxies appended, and stops at the first
 * address not among them: anything further left was written by the client and proves nothing.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string {
  let client = canonical(peer ?? 'unknown');
  if (!isTrusted(trusted, client)) return client;
  const hops = (forwardedFor ?? '').split(',').map((hop) => canonical(hop.trim()));
  for (const hop of hops.reverse()) {
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return client;
  }
  return client;
}
