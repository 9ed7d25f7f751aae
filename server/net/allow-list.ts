// The operator's allow-list for server-side requests (`SIXTY_FETCH_ALLOW`): comma-separated
// host names, addresses and CIDR ranges, e.g. `127.0.0.1,10.0.0.0/8,calendar.internal`.
import type { AllowList } from './address-policy';
import { canonical } from './address-policy';
import { parseCidr, parseIp, type Cidr } from './ip';

const HOST_NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

function refuse(entry: string): never {
  throw new Error(`SIXTY_FETCH_ALLOW: "${entry}" is not a host name, an IP address or a CIDR range (such as 10.0.0.0/8)`);
}

/** A single address as a range of one, IPv4-mapped IPv6 written as its IPv4 address. */
function single(text: string): Cidr | null {
  const ip = parseIp(text);
  if (!ip) return null;
  const one = canonical(ip);
  return { family: one.family, base: one.value, prefix: one.family === 4 ? 32 : 128 };
}

/** Parses the entries; a bad one throws, so a typo stops the server at start instead of allowing nothing silently. */
export function allowListFrom(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: Cidr[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('/')) {
      ranges.push(parseCidr(entry) ?? refuse(raw));
      continue;
    }
    if (entry.includes(':')) {
      ranges.push(single(entry.replace(/^\[(.*)\]$/, '$1')) ?? refuse(raw));
      continue;
    }
    // A name or IPv4 address is read the way a URL's host is, so `2130706433` means 127.0.0.1 in both.
    let host: string;
    try {
      const url = new URL(`http://${entry}/`);
      if (url.host !== url.hostname || url.username || url.password || url.pathname !== '/' || url.search || url.hash) refuse(raw);
      host = url.hostname.replace(/\.$/, '');
    } catch {
      refuse(raw);
    }
    const address = single(host);
    if (address) ranges.push(address);
    else if (HOST_NAME.test(host)) hosts.add(host);
    else refuse(raw);
  }
  return { hosts, ranges };
}

/** `SIXTY_FETCH_ALLOW` as its list of entries, checked. */
export function fetchAllowFrom(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  allowListFrom(entries);
  return entries;
}
