// Which addresses the URL consumer may connect to: public unicast only, unless an allow-list names
// the address or its network. Checked on the address actually connected to (after DNS resolution),
// on every request of a fetch, redirects included, so a name that resolves to 127.0.0.1 or a
// redirect to 169.254.169.254 is refused like the literal address.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UrlTaskRejected } from './url-task-rejected.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Cloud instance metadata services: refused even inside an allowed network, unless named exactly. */
const metadataAddresses = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'].map((a) => ipaddr.parse(a));

export interface AllowList {
  networks: readonly [Address, number][];
}

/** Parses LIFESTREAM_URL_ALLOW_ADDRESSES entries (already validated by the config): addresses and address/prefix networks. */
export function allowListOf(entries: readonly string[]): AllowList {
  return {
    networks: entries.map((entry) => {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry);
      const address = ipaddr.parse(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }),
  };
}

const sameAddress = (a: Address, b: Address) => a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();

/** IPv4 written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is. */
const plain = (address: Address): Address => (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address);

/** Why the consumer must not connect to this address; undefined when it may. */
export function addressRefusal(text: string, allow: AllowList): string | undefined {
  if (!ipaddr.isValid(text)) return `${text} is not an IP address`;
  const address = plain(ipaddr.parse(text));
  const allowedBy = allow.networks.filter(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
  if (metadataAddresses.some((metadata) => sameAddress(metadata, address))) {
    const namedExactly = allowedBy.some(([network, bits]) => bits === (address.kind() === 'ipv4' ? 32 : 128) && sameAddress(network, address));
    return namedExactly ? undefined : `${text} is a cloud metadata address`;
  }
  const range = address.range();
  if (range === 'unicast' || allowedBy.length > 0) return undefined;
  return `${text} is a ${range} address, not a public one`;
}

const blocked = (host: string, reason: string) =>
  new UrlTaskRejected('BLOCKED_ADDRESS', `${host}: ${reason}; the URL consumer fetches from public addresses only (LIFESTREAM_URL_ALLOW_ADDRESSES names exceptions)`);

/** Refuses a URL whose host is an IP literal that may not be reached (DNS lookup is not asked for literals). */
export function checkLiteralHost(hostname: string, allow: AllowList): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return;
  const reason = addressRefusal(bare, allow);
  if (reason) throw blocked(hostname, reason);
}

type ResolveAll = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for http(s).request that resolves the name and refuses it when any of its addresses
 * may not be reached (a name resolving to a public and a private address is refused: the
 * connection could take either). resolveAll is dns.lookup unless a test gives its own.
 */
export function guardedLookup(allow: AllowList, resolveAll: ResolveAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => addressRefusal(a.address, allow)).find((reason) => reason !== undefined);
      if (refusal) return callback(blocked(hostname, refusal), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
