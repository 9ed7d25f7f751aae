// Where the server may send a request on a user's behalf: public internet addresses only,
// unless the operator allow-lists a host or range (SIXTY_FETCH_ALLOW). Loopback, private,
// link-local (cloud metadata), CGNAT, multicast and reserved ranges would let whoever types a
// URL reach services that trust the server's own network position (SSRF).
import { embeddedV4, inCidr, parseCidr, parseIp, type Cidr, type Ip } from './ip';

/** What the operator allows beyond the public internet. */
export interface AllowList {
  /** Host names (lower case, no trailing dot) trusted whatever they resolve to. */
  hosts: ReadonlySet<string>;
  /** Address ranges allowed although not public. */
  ranges: readonly Cidr[];
}

/** The default: nothing beyond public addresses. */
export const PUBLIC_ONLY: AllowList = { hosts: new Set(), ranges: [] };

const ranges = (list: string[]): Cidr[] => list.map((text) => parseCidr(text)!);

/** IPv4 ranges that are not somebody's public server (IANA special-purpose registry). */
const BLOCKED_V4 = ranges([
  '0.0.0.0/8', // "this network": 0.0.0.0 reaches the local host on Linux
  '10.0.0.0/8', // private
  '100.64.0.0/10', // carrier-grade NAT (Alibaba Cloud's metadata service sits at 100.100.100.200)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, home of the cloud metadata service 169.254.169.254
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation
  '192.88.99.0/24', // 6to4 relay anycast (deprecated)
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation
  '203.0.113.0/24', // documentation
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, including the broadcast address 255.255.255.255
]);

/** IPv6 ranges that are not somebody's public server. */
const BLOCKED_V6 = ranges([
  '::/96', // unspecified (::), loopback (::1) and the deprecated IPv4-compatible form
  '::ffff:0:0:0/96', // IPv4-translated
  '64:ff9b:1::/48', // local-use NAT64
  '100::/64', // discard
  '2001::/32', // Teredo tunnels
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation
  'fc00::/7', // unique local (AWS's IPv6 metadata service is fd00:ec2::254)
  'fe80::/10', // link-local
  'fec0::/10', // site-local (deprecated)
  'ff00::/8', // multicast
]);

/** IPv6 ranges that carry an IPv4 address, with the bit where it starts: judged by that address. */
const EMBEDDING: ReadonlyArray<readonly [Cidr, number]> = [
  [parseCidr('::ffff:0:0/96')!, 96], // IPv4-mapped: the socket connects to the IPv4 address
  [parseCidr('64:ff9b::/96')!, 96], // NAT64: the gateway connects to the IPv4 address
  [parseCidr('2002::/16')!, 16], // 6to4
];

const MAPPED = EMBEDDING[0]![0];

/** An IPv4-mapped IPv6 address is its IPv4 address, so checks and allow-lists see one form. */
export function canonical(ip: Ip): Ip {
  return inCidr(ip, MAPPED) ? embeddedV4(ip, 96) : ip;
}

/** Whether an address belongs to the public internet. */
export function isPublicAddress(ip: Ip): boolean {
  if (ip.family === 4) return !BLOCKED_V4.some((range) => inCidr(ip, range));
  for (const [range, from] of EMBEDDING) if (inCidr(ip, range)) return isPublicAddress(embeddedV4(ip, from));
  return !BLOCKED_V6.some((range) => inCidr(ip, range));
}

/** Whether the server may connect to this address (text as DNS returns it); unparseable is no. */
export function addressAllowed(address: string, allow: AllowList): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  const one = canonical(ip);
  return allow.ranges.some((range) => inCidr(one, range)) || isPublicAddress(one);
}

/** How a URL's host is to be reached. */
export type Target =
  /** A literal address, already checked: connect to it. */
  | { kind: 'address'; address: string; family: 4 | 6 }
  /** A name: resolve it once, and (unless the operator trusts it) check every address. */
  | { kind: 'name'; host: string; trusted: boolean }
  | { kind: 'refused' };

/**
 * Takes the hostname of a WHATWG-parsed URL, where `2130706433`, `0x7f.1` and `127.1` have
 * already become `127.0.0.1` and IPv6 sits in brackets.
 */
export function targetOf(hostname: string, allow: AllowList): Target {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const ip = parseIp(bare);
  if (ip) return addressAllowed(bare, allow) ? { kind: 'address', address: bare, family: ip.family } : { kind: 'refused' };
  const name = bare.toLowerCase().replace(/\.$/, '');
  if (allow.hosts.has(name)) return { kind: 'name', host: bare, trusted: true };
  // Resolvers answer these with loopback without asking DNS (RFC 6761).
  if (name === 'localhost' || name.endsWith('.localhost')) return { kind: 'refused' };
  return { kind: 'name', host: bare, trusted: false };
}
