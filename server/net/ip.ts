// IP addresses and CIDR ranges as numbers, so a range check is a shift and a compare. Parsed
// with fixed patterns only: allow-list entries come from the environment, and nothing here
// builds a regular expression from its input.

/** An address as one integer: 32 bits for IPv4, 128 for IPv6. */
export interface Ip {
  family: 4 | 6;
  value: bigint;
}

/** An address range: the addresses whose first `prefix` bits equal `base`'s. */
export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;
const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;
const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Strict dotted decimal (`10.0.0.1`): four octets, no leading zeros. The shorthand, octal and
 * hex forms (`2130706433`, `0x7f.1`) are left to WHATWG URL parsing, which turns a URL's host
 * into this form before it reaches us.
 */
function parseV4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** RFC 4291 text: eight hex groups, one `::` for a run of zeros, an optional dotted IPv4 tail. */
function parseV6(text: string): bigint | null {
  const lower = text.toLowerCase();
  const halves = lower.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string, last: boolean): bigint[] | null => {
    if (half === '') return [];
    const parts = half.split(':');
    const out: bigint[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (last && i === parts.length - 1 && part.includes('.')) {
        const v4 = parseV4(part);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEX_GROUP.test(part)) {
        out.push(BigInt(`0x${part}`));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groupsOf(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1]!, true) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An IPv4 or IPv6 address in text (IPv6 without brackets or zone), or null. */
export function parseIp(text: string): Ip | null {
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === null ? null : { family: 6, value };
  }
  const value = parseV4(text);
  return value === null ? null : { family: 4, value };
}

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a range of one). */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!ip) return null;
  const bits = BITS[ip.family];
  let prefix: number = bits;
  if (slash !== -1) {
    const raw = text.slice(slash + 1);
    if (!PREFIX.test(raw) || Number(raw) > bits) return null;
    prefix = Number(raw);
  }
  return { family: ip.family, base: ip.value, prefix };
}

export function inCidr(ip: Ip, range: Cidr): boolean {
  if (ip.family !== range.family) return false;
  const shift = BigInt(BITS[ip.family] - range.prefix);
  return ip.value >> shift === range.base >> shift;
}

/** The 32 bits of an IPv6 address that start at bit `from` (0 = most significant), as an IPv4 address. */
export function embeddedV4(ip: Ip, from: number): Ip {
  return { family: 4, value: (ip.value >> BigInt(128 - from - 32)) & 0xffffffffn };
}

/** Text of an address, for messages and tests (IPv6 uncompressed). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}
